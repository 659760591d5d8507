// Peer (c): what users commonly pick — express 5 + rate-limiter-flexible on Redis, proxying with undici.
import express from 'express';
import Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { Pool } from 'undici';

const upstream = new Pool(process.env.UPSTREAM_URL, { connections: 128 });
const HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
]);
const redis = new Redis(process.env.REDIS_URL, { enableOfflineQueue: false });
const limiter = new RateLimiterRedis({
  storeClient: redis,
  keyPrefix: 'bench-rlf',
  points: 1e9,
  duration: 1,
});
const app = express();
app.disable('x-powered-by');
app.use(async (req, res, next) => {
  try {
    await limiter.consume(String(req.headers['x-api-key'] ?? req.ip));
    next();
  } catch {
    res.status(429).end();
  }
});
app.use((req, res) => {
  const headers = {};
  for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k)) headers[k] = v;
  upstream.request(
    { method: req.method, path: req.url, headers, body: req.method === 'GET' ? null : req },
    (err, r) => {
      if (err) return res.status(502).end();
      for (const [k, v] of Object.entries(r.headers)) if (!HOP.has(k)) res.setHeader(k, v);
      res.status(r.statusCode);
      r.body.pipe(res);
    },
  );
});
app.listen(Number(process.env.PORT), '127.0.0.1');
