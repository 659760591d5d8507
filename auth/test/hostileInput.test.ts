import fc from 'fast-check';
import { loadAuthConfig } from '../src/config';
import type { AuthHarness } from './support/startAuthHarness';
import { INTERNAL_TOKEN, startAuthHarness } from './support/startAuthHarness';

let h: AuthHarness;
let admin: string;

beforeAll(async () => {
  // A high threshold keeps the fuzzed logins from locking anything the assertions rely on.
  h = await startAuthHarness({ LOGIN_LOCKOUT_THRESHOLD: 1000 });
  admin = await h.adminToken();
});

afterAll(async () => {
  await h?.close();
});

const routes = [
  '/v1/auth/login',
  '/v1/auth/refresh',
  '/v1/auth/logout',
  '/admin/v1/users',
  '/admin/v1/tenants/acme/api-keys',
  '/admin/v1/tenants/acme/clients',
  '/internal/v1/api-keys/verify',
];

describe('hostile input', () => {
  it('answers arbitrary JSON on every JSON route with a 2xx or 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue({ maxDepth: 3 }), async (route, value) => {
        const auth = route.startsWith('/internal') ? INTERNAL_TOKEN : admin;
        const res = await h.post(route, JSON.stringify(value), { authorization: `Bearer ${auth}` });
        await res.arrayBuffer();
        return res.status < 500;
      }),
      { numRuns: 150 },
    );
  });

  it('answers arbitrary bytes labelled as JSON or as a form with a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes, '/oauth/token'),
        fc.constantFrom(
          'application/json',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
        ),
        fc.uint8Array({ maxLength: 300 }),
        async (route, type, bytes) => {
          const res = await fetch(`${h.base}${route}`, {
            method: 'POST',
            headers: { 'content-type': type, authorization: `Bearer ${admin}` },
            body: bytes,
          });
          await res.arrayBuffer();
          return res.status < 500;
        },
      ),
      { numRuns: 150 },
    );
  });

  // Found by the fuzz drill: PostgreSQL text refuses U+0000 and has no year 0; both reached the query as a 500.
  it.each([
    ['a NUL in the actor', 'actor=%00'],
    ['a time in year 0', 'since=0000-01-01T00:00:00Z'],
  ])('answers an audit query with %s with 400 and a reason', async (_name, query) => {
    const res = await h.get(`/admin/v1/audit?${query}`, admin);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/NUL|year 1/);
  });

  // Found by the fuzz drill: names are stored as text and in the audit's jsonb, which refuse U+0000 and lone surrogates.
  it.each([
    ['a NUL in a client name', '/admin/v1/tenants/acme/clients', { name: '\u0000', roles: ['sre'] }],
    ['a NUL in an API key name', '/admin/v1/tenants/acme/api-keys', { name: 'a\u0000b' }],
    [
      'lone surrogates in a client name',
      '/admin/v1/tenants/acme/clients',
      { name: '\udfff\ud800', roles: ['sre'] },
    ],
  ])('answers %s with 400 naming the field', async (_name, route, body) => {
    const res = await h.post(route, JSON.stringify(body), { authorization: `Bearer ${admin}` });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^name: /);
  });

  it('still serves after the fuzzing', async () => {
    expect((await fetch(`${h.base}/readyz`)).status).toBe(200);
    expect((await h.get('/admin/v1/users', admin)).status).toBe(200);
  });

  it('refuses a TRUSTED_PROXY_CIDRS entry that is not an address or CIDR block, naming the variable', () => {
    for (const value of ['10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/1']) {
      expect(() =>
        loadAuthConfig({
          DATABASE_URL: 'postgres://x@127.0.0.1/db',
          INTERNAL_TOKEN,
          TRUSTED_PROXY_CIDRS: value,
        }),
      ).toThrow(/TRUSTED_PROXY_CIDRS/);
    }
    const ok = loadAuthConfig({
      DATABASE_URL: 'postgres://x@127.0.0.1/db',
      INTERNAL_TOKEN,
      TRUSTED_PROXY_CIDRS: '10.0.0.0/8, ::1, fd00::/8',
    });
    expect(ok.TRUSTED_PROXY_CIDRS).toEqual(['10.0.0.0/8', '::1', 'fd00::/8']);
  });
});
