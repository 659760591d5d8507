// The webhook receiver Alertmanager notifies in the benchmark: POST /latency bodies are parsed and the first arrival
// per `tenant` label is recorded; POST /bulk bodies (the throughput runs) are only counted, so parsing large
// notifications does not take CPU from the systems being measured.
import { createServer } from 'node:http';

/** startWebhookRecorder listens on 127.0.0.1:port. */
export async function startWebhookRecorder(port) {
  const firstByTenant = new Map();
  const counters = { latency: 0, bulk: 0, bulkBytes: 0, other: 0 };
  const waiters = new Map();
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
      if (req.method !== 'POST') return void counters.other++;
      if (req.url === '/bulk') {
        counters.bulk++;
        counters.bulkBytes += chunks.reduce((n, c) => n + c.length, 0);
        return;
      }
      if (req.url !== '/latency') return void counters.other++;
      counters.latency++;
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return void counters.other++;
      }
      for (const a of body.alerts ?? []) {
        const tenant = a.labels?.tenant;
        if (!tenant || firstByTenant.has(tenant)) continue;
        firstByTenant.set(tenant, at);
        const w = waiters.get(tenant);
        if (w) {
          waiters.delete(tenant);
          clearTimeout(w.timer);
          w.resolve(at);
        }
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    counters,
    /** waitFor resolves with the arrival time of the first notification carrying an alert of that tenant. */
    waitFor(tenant, timeoutMs) {
      const seen = firstByTenant.get(tenant);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { resolve };
        w.timer = setTimeout(() => {
          waiters.delete(tenant);
          reject(new Error(`no webhook for ${tenant} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(tenant, w);
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
