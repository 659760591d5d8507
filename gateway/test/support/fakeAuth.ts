import { createServer } from 'node:http';
import { closeServer, listen } from '@sightline/http';

/** FakeAuth is a local stand-in for auth's POST /internal/v1/api-keys/verify that checks the contract. */
export interface FakeAuth {
  url: string;
  /** Verify calls that passed the contract checks, in order. */
  calls: string[];
  /** Contract violations seen (wrong token, wrong path, malformed body). */
  violations: string[];
  /** Delay before answering, to widen the window for concurrent lookups. */
  delayMs: number;
  close(): Promise<void>;
}

/** startFakeAuth answers key checks from a key → tenant table and records every call. */
export async function startFakeAuth(keys: Record<string, string>, internalToken: string): Promise<FakeAuth> {
  const fake: FakeAuth = { url: '', calls: [], violations: [], delayMs: 0, close: () => closeServer(server) };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        setTimeout(() => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        }, fake.delayMs);
      };
      if (req.method !== 'POST' || req.url !== '/internal/v1/api-keys/verify') {
        fake.violations.push(`${req.method} ${req.url}`);
        return reply(404, { error: 'not found' });
      }
      if (req.headers.authorization !== `Bearer ${internalToken}`) {
        fake.violations.push('missing or wrong internal token');
        return reply(401, { error: 'unauthorized' });
      }
      let key: unknown;
      try {
        key = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { key?: unknown }).key;
      } catch {
        key = undefined;
      }
      if (typeof key !== 'string') {
        fake.violations.push('body is not {key: string}');
        return reply(400, { error: 'bad request' });
      }
      fake.calls.push(key);
      const tenantId = keys[key];
      reply(200, tenantId ? { valid: true, tenantId, keyId: `key_${tenantId}` } : { valid: false });
    });
  });
  const port = await listen(server, 0);
  fake.url = `http://127.0.0.1:${port}`;
  return fake;
}
