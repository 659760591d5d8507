import { createServer } from 'node:http';
import { closeServer, listen } from '@sightline/http';
import type { TestIssuer } from '@sightline/testing';
import type { CleanupStack } from './CleanupStack';

/**
 * startDrillAuth stands in for auth at the gateway: it answers API-key checks from a key → tenant table, serves an
 * empty revocation feed and the issuer's JWKS, and checks the internal token like auth does.
 */
export async function startDrillAuth(
  keys: Record<string, string>,
  internalToken: string,
  issuer: TestIssuer,
  cleanup: CleanupStack,
): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const url = new URL(req.url ?? '/', 'http://auth');
      if (url.pathname === '/.well-known/jwks.json') return reply(200, issuer.jwks());
      if (req.headers.authorization !== `Bearer ${internalToken}`)
        return reply(401, { error: 'unauthorized' });
      if (url.pathname === '/internal/v1/api-keys/revocations') {
        return reply(200, { revocations: [], next: Number(url.searchParams.get('after') ?? 0) });
      }
      if (req.method === 'POST' && url.pathname === '/internal/v1/api-keys/verify') {
        let key: unknown;
        try {
          key = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { key?: unknown }).key;
        } catch {
          return reply(400, { error: 'bad request' });
        }
        const tenantId = typeof key === 'string' ? keys[key] : undefined;
        return reply(200, tenantId ? { valid: true, tenantId, keyId: `key_${tenantId}` } : { valid: false });
      }
      reply(404, { error: 'not found' });
    });
  });
  const port = await listen(server, 0);
  cleanup.push({ close: () => closeServer(server), onExit: () => server.close() });
  return `http://127.0.0.1:${port}`;
}
