// A local collector for the benchmark: it serves `GET /internal/v1/rollups/:tenant/windows?windows=` (ADR 0008, the
// contract alerting/src/slo/rollups/RollupWindows.ts parses) with healthy traffic for every tenant, and with a 5 %
// error ratio in every window for a tenant once `breach(tenant)` was called: a 50× burn of a 99.9 % objective, over
// every page and ticket threshold at once.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

// The windows the collector endpoint accepts (alerting/test/support/fakeCollector.ts).
const ACCEPTED_WINDOWS = new Set(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '7d', '28d', '30d']);
const REQUESTS = 100_000;
const ERROR_RATIO = 0.05;

/** latencyBucketCount reads the bound count from the shared contract, so the sums never drift from it. */
function latencyBucketCount(root) {
  const src = readFileSync(`${root}/packages/contracts/src/rollups.ts`, 'utf8');
  const m = /LATENCY_BUCKETS_MS = \[([^\]]*)\]/.exec(src);
  if (!m) throw new Error('LATENCY_BUCKETS_MS not found in packages/contracts/src/rollups.ts');
  return m[1].split(',').filter((s) => s.trim()).length + 1;
}

/** startFakeCollector listens on 127.0.0.1:port; it checks the bearer token and the window list. */
export async function startFakeCollector(port, token, root) {
  const buckets = latencyBucketCount(root);
  const breaching = new Set();
  const counters = { ok: 0, refused: 0 };
  const server = createServer((req, res) => {
    const send = (status, body) => {
      if (status !== 200) counters.refused++;
      else counters.ok++;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { title: 'Unauthorized' });
    const u = new URL(req.url ?? '/', 'http://x');
    const m = /^\/internal\/v1\/rollups\/([a-z0-9_][a-z0-9_-]{0,62})\/windows$/.exec(u.pathname);
    if (req.method !== 'GET' || !m) return send(404, { title: 'Not Found' });
    const windows = (u.searchParams.get('windows') ?? '').split(',');
    if (windows.some((w) => !ACCEPTED_WINDOWS.has(w))) return send(400, { title: 'Bad Request' });
    const errors = breaching.has(m[1]) ? Math.round(REQUESTS * ERROR_RATIO) : 0;
    // Every request in the fastest latency bucket: the latency SLOs never fire, only availability does.
    const latencyBuckets = Array.from({ length: buckets }, (_, i) => (i === 0 ? REQUESTS : 0));
    const sums = { requests: REQUESTS, errors, rateLimited: 0, latencyBuckets };
    send(200, {
      tenantId: m[1],
      to: new Date().toISOString(),
      windows: Object.fromEntries(windows.map((w) => [w, sums])),
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    counters,
    /** breach makes the tenant's rollups breach from the next request on and returns that instant. */
    breach(tenant) {
      breaching.add(tenant);
      return Date.now();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
