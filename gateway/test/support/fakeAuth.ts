import { createServer } from 'node:http';
import { hashApiKey } from '../../src/auth/hashApiKey';
import { closeServer, listen } from '@sightline/http';
import type { TestIssuer } from '@sightline/testing';

/** FakeAuth is a local stand-in for auth that checks every call against the published contracts. */
export interface FakeAuth {
  url: string;
  /** Verify calls that passed the contract checks, in order. */
  calls: string[];
  /** `after` cursors of revocation feed polls, in order. */
  feedPolls: number[];
  jwksFetches: number;
  /** Public (non-internal) requests, as the gateway forwarded them. */
  publicRequests: { method: string; url: string; headers: Record<string, unknown> }[];
  /** Contract violations seen (wrong token, wrong path, malformed body). */
  violations: string[];
  /** Delay before answering, to widen the window for concurrent lookups. */
  delayMs: number;
  /** false → the revocation feed answers 404, like an auth from before the feed existed. */
  feedEnabled: boolean;
  /** revoke makes a key unknown and publishes it on the revocation feed. */
  revoke(key: string): void;
  close(): Promise<void>;
}

/**
 * startFakeAuth answers key checks from a key → tenant table, serves the revocation feed
 * (GET /internal/v1/api-keys/revocations?after=<cursor> → {revocations:[{id,keyHash,revokedAt}], next}) and the
 * JWKS of an optional issuer, and echoes any /v1/ request (the public routes the gateway proxies to auth).
 */
export async function startFakeAuth(
  keys: Record<string, string>,
  internalToken: string,
  issuer?: TestIssuer,
): Promise<FakeAuth> {
  const table = new Map(Object.entries(keys));
  const revocations: { id: number; keyHash: string; revokedAt: string }[] = [];
  const fake: FakeAuth = {
    url: '',
    calls: [],
    feedPolls: [],
    jwksFetches: 0,
    publicRequests: [],
    violations: [],
    delayMs: 0,
    feedEnabled: true,
    revoke(key) {
      table.delete(key);
      revocations.push({
        id: revocations.length + 1,
        keyHash: hashApiKey(key),
        revokedAt: new Date().toISOString(),
      });
    },
    close: () => closeServer(server),
  };
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
      const url = new URL(req.url ?? '/', 'http://auth');
      if (req.method === 'GET' && url.pathname === '/.well-known/jwks.json' && issuer) {
        fake.jwksFetches++;
        return reply(200, issuer.jwks());
      }
      if (url.pathname.startsWith('/v1/')) {
        fake.publicRequests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
        return reply(200, { proxied: true, url: req.url, body: Buffer.concat(chunks).toString('utf8') });
      }
      if (req.headers.authorization !== `Bearer ${internalToken}`) {
        fake.violations.push('missing or wrong internal token');
        return reply(401, { error: 'unauthorized' });
      }
      if (req.method === 'GET' && url.pathname === '/internal/v1/api-keys/revocations') {
        if (!fake.feedEnabled) return reply(404, { error: 'not found' });
        const after = url.searchParams.get('after');
        if (after === null || !/^\d+$/.test(after)) {
          fake.violations.push(`revocation feed polled with after=${after}`);
          return reply(400, { error: 'after must be a non-negative integer' });
        }
        const cursor = Number(after);
        fake.feedPolls.push(cursor);
        const page = revocations.filter((r) => r.id > cursor).slice(0, 100);
        return reply(200, { revocations: page, next: page.length ? page[page.length - 1]!.id : cursor });
      }
      if (req.method !== 'POST' || url.pathname !== '/internal/v1/api-keys/verify') {
        fake.violations.push(`${req.method} ${req.url}`);
        return reply(404, { error: 'not found' });
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
      const tenantId = table.get(key);
      reply(200, tenantId ? { valid: true, tenantId, keyId: `key_${tenantId}` } : { valid: false });
    });
  });
  const port = await listen(server, 0);
  fake.url = `http://127.0.0.1:${port}`;
  return fake;
}
