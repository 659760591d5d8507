// Baselines (a) and (b): a bare node:http proxy over an undici Pool; with WITH_REDIS=1 it also runs one
// EVALSHA of a minimal sliding-window script per request — the physical floor of a Redis-backed limiter.
import { createServer } from 'node:http';
import { Pool } from 'undici';
import Redis from 'ioredis';

const upstream = new Pool(process.env.UPSTREAM_URL, { connections: 128, pipelining: 1 });
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
let redis;
if (process.env.WITH_REDIS === '1') {
  redis = new Redis(process.env.REDIS_URL, { enableAutoPipelining: true });
  redis.defineCommand('slide', {
    numberOfKeys: 1,
    lua: `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local w = tonumber(ARGV[1])
local cur = math.floor(now / w)
local k = KEYS[1] .. ':' .. cur
local p = KEYS[1] .. ':' .. (cur - 1)
local c = tonumber(redis.call('GET', k) or '0')
local pc = tonumber(redis.call('GET', p) or '0')
local est = pc * (w - (now % w)) / w + c
if est >= tonumber(ARGV[2]) then return 0 end
redis.call('INCR', k)
redis.call('PEXPIRE', k, w * 2)
return 1`,
  });
}

function forward(req, res) {
  const headers = {};
  for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k)) headers[k] = v;
  upstream.request(
    {
      method: req.method,
      path: req.url,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? null : req,
    },
    (err, r) => {
      if (err) {
        res.writeHead(502).end();
        return;
      }
      const out = {};
      for (const [k, v] of Object.entries(r.headers)) if (!HOP.has(k)) out[k] = v;
      res.writeHead(r.statusCode, out);
      r.body.pipe(res);
    },
  );
}

createServer((req, res) => {
  if (!redis) return forward(req, res);
  redis.slide('{bench}:t', 1000, 1e9).then(
    (ok) => (ok ? forward(req, res) : res.writeHead(429).end()),
    () => forward(req, res),
  );
}).listen(Number(process.env.PORT), '127.0.0.1');
