-- wrk script for the fixed-rate phase: paces wrk (closed loop) to RATE requests/s. delay() gives each request the
-- next slot of one schedule shared by every connection of the thread (slot k at t0 + k × 1000/RATE ms), so the
-- offered rate does not depend on the server's latency, as it would with a fixed per-connection delay (then
-- connections × 1000/(delay + latency) req/s, less for the slower configuration). Run it with -t1: one schedule.
-- Latency is what wrk records: from writing a request (after its delay) to its response. done() prints one line,
-- `PACED {json}`, with the exact percentiles in µs and the counts the achieved rate is computed from.
local ffi = require('ffi')
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } paced_timespec;
int clock_gettime(int clk_id, paced_timespec *tp);
]])
local CLOCK_MONOTONIC = 1
local ts = ffi.new('paced_timespec')
local function nowMs()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local interval = 1000 / tonumber(os.getenv('RATE') or '2000')
local t0
local k = 0

function delay()
  local now = nowMs()
  t0 = t0 or now
  local slot = t0 + k * interval
  k = k + 1
  -- wrk's timers have 1 ms resolution; rounding keeps the average on the schedule.
  if slot <= now then return 0 end
  return math.floor(slot - now + 0.5)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'PACED {"requests":%d,"durationUs":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"p999Us":%d,"maxUs":%d,' ..
    '"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"timeouts":%d,"non2xx":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, e.connect, e.read, e.write, e.timeout, e.status))
end
