-- wrk script: POST a Prometheus-style /api/v2/alerts body of ALERTS_PER_REQ alerts per request. Every alert is new
-- (RUN_ID and a counter in `instance`), and alerts are spread over TENANTS tenants so that groups form.
local per_req = tonumber(os.getenv("ALERTS_PER_REQ") or "1")
local tenants = tonumber(os.getenv("TENANTS") or "50")
local run = os.getenv("RUN_ID") or "run"
local counter = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  local parts = {}
  for i = 1, per_req do
    counter = counter + 1
    parts[i] = string.format(
      '{"labels":{"alertname":"BenchIntake","severity":"warning","tenant":"t%d","instance":"%s-%d"},'
        .. '"annotations":{"summary":"bench alert %d of %s"}}',
      counter % tenants, run, counter, counter, run)
  end
  return wrk.format(nil, nil, nil, "[" .. table.concat(parts, ",") .. "]")
end
