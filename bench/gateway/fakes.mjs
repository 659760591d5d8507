// Bench stand-ins for the gateway's neighbours: auth's API-key check (and revocation feed), and an OTLP sink
// that accepts and drops what the gateway exports, so only the gateway's own cost is measured.
import { createServer } from 'node:http';

const KEY = process.env.BENCH_KEY;
const TENANT = process.env.BENCH_TENANT;
createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    if (req.url.startsWith('/internal/v1/api-keys/verify')) {
      const { key } = JSON.parse(body || '{}');
      res.end(
        JSON.stringify(key === KEY ? { valid: true, tenantId: TENANT, keyId: 'bench' } : { valid: false }),
      );
    } else if (req.url.startsWith('/internal/v1/api-keys/revocations')) {
      res.end(JSON.stringify({ revocations: [], next: 0 }));
    } else if (req.url.startsWith('/.well-known/jwks.json')) {
      res.end(JSON.stringify({ keys: [] }));
    } else {
      res.end('{}');
    }
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
