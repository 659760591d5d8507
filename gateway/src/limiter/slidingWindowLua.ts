/**
 * SLIDING_WINDOW_LUA is the Redis side of slidingWindow: one atomic hit on a two-bucket hash
 * {i: bucket index, c: current count, p: previous count}, timed by the Redis server clock so that
 * every gateway replica shares one notion of "now". Returns {allowed, remaining, resetMs, retryAfterMs}.
 */
export const SLIDING_WINDOW_LUA = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local index = math.floor(now / window)
local h = redis.call('HMGET', KEYS[1], 'i', 'c', 'p')
local si = tonumber(h[1])
local current, previous = 0, 0
if si == index then
  current = tonumber(h[2]) or 0
  previous = tonumber(h[3]) or 0
elseif si == index - 1 then
  previous = tonumber(h[2]) or 0
end
local elapsed = now - index * window
local reset = window - elapsed
local estimated = previous * reset / window + current
local allowed = 0
local remaining = 0
local retry = 0
if estimated + 1 > limit then
  local room = limit - 1
  if current <= room and previous > 0 then
    retry = math.max(1, math.ceil(window * (1 - (room - current) / previous) - elapsed))
  elseif current <= 0 or room <= 0 then
    retry = reset + window
  else
    retry = math.max(1, math.ceil(reset + window * math.max(0, 1 - room / current)))
  end
else
  allowed = 1
  current = current + 1
  remaining = math.max(0, math.floor(limit - estimated - 1))
end
redis.call('HSET', KEYS[1], 'i', index, 'c', current, 'p', previous)
redis.call('PEXPIRE', KEYS[1], window * 2)
return {allowed, remaining, reset, retry}
`;
