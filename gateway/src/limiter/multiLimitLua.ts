/**
 * MULTI_LIMIT_LUA checks every window of one request atomically and records the hit in all of them only if all
 * allow it (or always, when ARGV[1] is '1'). Each key is a hash {i: bucket index, c: current, p: previous};
 * ARGV[2k], ARGV[2k+1] are key k's limit and window in ms. Time comes from the Redis server clock, so every
 * replica shares one "now". Mirrors evaluateLimits/slidingWindow exactly.
 * Returns {allowed, index (1-based), remaining, resetMs, retryAfterMs, usagePermille}.
 * A hit in the key's current bucket only increments c: the TTL set when the bucket opened (2 windows from then)
 * already outlives the next bucket, which is the last one that reads this one as "previous". That halves the
 * Redis calls per request, and Redis shares the gateway's cores.
 */
export const MULTI_LIMIT_LUA = `
local force = ARGV[1] == '1'
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local n = #KEYS
local idx, cur, prev, est, rem, rst, rty, win, same = {}, {}, {}, {}, {}, {}, {}, {}, {}
local allowed = true
local worstRetry, worstIndex = -1, 1
for k = 1, n do
  local limit = tonumber(ARGV[2 * k])
  local window = tonumber(ARGV[2 * k + 1])
  local index = math.floor(now / window)
  local h = redis.call('HMGET', KEYS[k], 'i', 'c', 'p')
  local si = tonumber(h[1])
  local current, previous = 0, 0
  same[k] = si == index
  if si == index then
    current = tonumber(h[2]) or 0
    previous = tonumber(h[3]) or 0
  elseif si == index - 1 then
    previous = tonumber(h[2]) or 0
  end
  local elapsed = now - index * window
  local reset = window - elapsed
  local e = math.floor(previous * reset / window + 0.5) + current
  idx[k], cur[k], prev[k], est[k], rst[k], win[k] = index, current, previous, e, reset, window
  if e + 1 > limit then
    allowed = false
    rem[k] = 0
    local room = limit - 1
    local retry
    if current <= room and previous > 0 then
      retry = math.max(1, math.ceil(window * (1 - (room - current) / previous) - elapsed))
    elseif current <= 0 or room <= 0 then
      retry = reset + window
    else
      retry = math.max(1, math.ceil(reset + window * math.max(0, 1 - room / current)))
    end
    rty[k] = retry
    if retry > worstRetry then
      worstRetry, worstIndex = retry, k
    end
  else
    rem[k] = math.max(0, math.floor(limit - e - 1))
    rty[k] = 0
  end
end
local record = allowed or force
local minRemaining, minIndex, usage = nil, 1, 0
for k = 1, n do
  local limit = tonumber(ARGV[2 * k])
  local used = est[k]
  if record then
    used = used + 1
    if same[k] then
      redis.call('HINCRBY', KEYS[k], 'c', 1)
    else
      redis.call('HSET', KEYS[k], 'i', idx[k], 'c', cur[k] + 1, 'p', prev[k])
      redis.call('PEXPIRE', KEYS[k], win[k] * 2)
    end
  end
  local u = 1
  if limit > 0 then u = math.min(1, used / limit) end
  if u > usage then usage = u end
  if minRemaining == nil or rem[k] < minRemaining then
    minRemaining, minIndex = rem[k], k
  end
end
if allowed then
  return {1, minIndex, rem[minIndex], rst[minIndex], 0, math.floor(usage * 1000)}
end
return {0, worstIndex, 0, rst[worstIndex], rty[worstIndex], math.floor(usage * 1000)}
`;
