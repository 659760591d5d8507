// Fixed-rate alert generator (open loop): sends RATE_PER_MIN alerts per minute, one alert per POST /api/v2/alerts,
// for DURATION_S seconds, on a schedule that does not wait for answers (a slow server gets requests queued on it, as
// Prometheus would queue them). wrk2 is not available and plain wrk is closed-loop, hence this. Prints one JSON line.
// Env: TARGET_URL, TOKEN, RATE_PER_MIN, DURATION_S, TENANTS, RUN_ID, MAX_IN_FLIGHT.
import { Agent, request } from 'node:http';

const url = new URL(process.env.TARGET_URL);
const rate = Number(process.env.RATE_PER_MIN ?? 10_000) / 60_000; // alerts per ms
const durationMs = Number(process.env.DURATION_S ?? 60) * 1000;
const tenants = Number(process.env.TENANTS ?? 50);
const run = process.env.RUN_ID ?? 'keepup';
const maxInFlight = Number(process.env.MAX_IN_FLIGHT ?? 256);
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

const latencies = [];
const stats = { due: 0, sent: 0, ok: 0, failed: 0, skipped: 0, maxInFlight: 0, statuses: {} };
let inFlight = 0;

function post(i) {
  const body = JSON.stringify([
    {
      labels: {
        alertname: 'BenchKeepUp',
        severity: 'warning',
        tenant: `t${i % tenants}`,
        instance: `${run}-${i}`,
      },
      annotations: { summary: `keep-up alert ${i}` },
    },
  ]);
  const started = performance.now();
  inFlight++;
  stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
  stats.sent++;
  const req = request(
    {
      agent,
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization: `Bearer ${process.env.TOKEN}`,
      },
    },
    (res) => {
      res.resume();
      res.on('end', () => {
        inFlight--;
        stats.statuses[res.statusCode] = (stats.statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode === 200) {
          stats.ok++;
          latencies.push(performance.now() - started);
        } else stats.failed++;
      });
    },
  );
  req.on('error', () => {
    inFlight--;
    stats.failed++;
  });
  req.end(body);
}

const start = performance.now();
await new Promise((resolve) => {
  const timer = setInterval(() => {
    const elapsed = Math.min(performance.now() - start, durationMs);
    const due = Math.floor(elapsed * rate);
    while (stats.due < due) {
      // Over the in-flight cap the server is not keeping up; the alert is counted as skipped, not queued forever.
      if (inFlight >= maxInFlight) stats.skipped++;
      else post(stats.due);
      stats.due++;
    }
    if (elapsed >= durationMs) {
      clearInterval(timer);
      resolve();
    }
  }, 5);
});
const sendEndedMs = performance.now() - start;
const unansweredAtSendEnd = inFlight;
// The schedule is over; answers may still be outstanding. The bench starts its drain clock here.
process.stdout.write('{"event":"send-done"}\n');
const waitUntil = performance.now() + 30_000;
while (inFlight > 0 && performance.now() < waitUntil) await new Promise((r) => setTimeout(r, 20));
latencies.sort((a, b) => a - b);
const q = (p) =>
  latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN;
process.stdout.write(
  JSON.stringify({
    ...stats,
    unansweredAtSendEnd,
    unanswered: inFlight,
    sendSeconds: sendEndedMs / 1000,
    p50ms: q(0.5),
    p99ms: q(0.99),
    maxMs: latencies.at(-1) ?? NaN,
  }) + '\n',
);
agent.destroy();
process.exit(0);
