import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import type { ReceivedRequest } from './support/fakeUpstream';
import { send } from './support/send';
import { TestIssuer, tamper } from '@sightline/testing';
import { waitFor } from '@sightline/testing';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { API_KEY_CACHE_TTL_MS: '600000' } });
});

afterAll(async () => {
  await h.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('access JWTs on tenant routes', () => {
  it('admits a valid token and takes the tenant from its tenant claim, verifying locally without asking auth per request', async () => {
    const token = await h.issuer.sign({ tenant: 'globex', roles: ['developer'] });
    const callsBefore = h.auth.calls.length;
    for (let i = 0; i < 5; i++) {
      const res = await send(h.gateway.proxyPort, { path: '/api/orders', headers: bearer(token) });
      expect(res.status).toBe(200);
      expect(res.json<ReceivedRequest>().headers['x-sightline-tenant']).toBe('globex');
    }
    expect(h.auth.calls.length).toBe(callsBefore);
    expect(h.auth.jwksFetches).toBe(1);
    const span = h.telemetry
      .spans()
      .filter((s) => s.name === 'gateway.Proxy.handle')
      .pop()!;
    expect(span.attributes).toMatchObject({ 'tenant.id': 'globex', 'http.response.status_code': 200 });
  });

  it('refuses a platform-wide token (tenant null) on a tenant route with 403', async () => {
    const token = await h.issuer.sign({ tenant: null, roles: ['super_admin'] });
    const res = await send(h.gateway.proxyPort, { headers: bearer(token) });
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({
      detail: 'this access token belongs to no tenant; tenant routes need one',
    });
  });

  it('refuses a token for a tenant the gateway does not know with 403', async () => {
    const token = await h.issuer.sign({ tenant: 'ghost', roles: ['developer'] });
    expect((await send(h.gateway.proxyPort, { headers: bearer(token) })).status).toBe(403);
    // Logged after the token's verification (an await), in the request's context: an operator finds its trace.
    const warn = h.telemetry.logs().find((l) => l.credentialTenant === 'ghost');
    expect(warn).toMatchObject({ msg: 'credential names a tenant the gateway does not know' });
    expect(warn!.trace_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each([
    ['alg none', async () => h.issuer.unsigned({ tenant: 'acme' }), 'token algorithm none is not accepted'],
    [
      'HS256 signed with the public key',
      async () => h.issuer.hs256WithPublicKey({ tenant: 'acme' }),
      'token algorithm HS256 is not accepted',
    ],
    [
      'an expired token',
      async () => h.issuer.sign({ tenant: 'acme', roles: ['developer'], expiresInSeconds: -30 }),
      'token expired',
    ],
    [
      'nbf in the future',
      async () => h.issuer.sign({ tenant: 'acme', roles: ['developer'], notBeforeInSeconds: 300 }),
      'token not yet valid (nbf is in the future)',
    ],
    [
      'an unknown kid',
      async () =>
        (await TestIssuer.create('someone-elses-key')).sign({ tenant: 'acme', roles: ['developer'] }),
      'token signature does not verify (unknown key id or altered token)',
    ],
    [
      'a tampered payload',
      async () =>
        tamper(await h.issuer.sign({ tenant: 'initech', roles: ['developer'] }), { tenant: 'acme' }),
      'token signature does not verify (unknown key id or altered token)',
    ],
    [
      'another issuer',
      async () => h.issuer.sign({ tenant: 'acme', roles: ['developer'], issuer: 'evil' }),
      'token issuer is not accepted',
    ],
    [
      'another audience',
      async () => h.issuer.sign({ tenant: 'acme', roles: ['developer'], audience: 'other-app' }),
      'token audience is not accepted',
    ],
  ])(
    'rejects %s with 401 and a reason, before anything reaches the upstream',
    async (_name, make, reason) => {
      const before = h.upstream.received.length;
      const res = await send(h.gateway.proxyPort, { headers: bearer(await make()) });
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.json()).toMatchObject({ status: 401, detail: reason });
      expect(h.upstream.received.length).toBe(before);
    },
  );

  it('rejects garbage that only looks like a JWT with 401 and keeps serving', async () => {
    for (const token of [
      'a.b.c',
      'eyJhbGciOiJFZERTQSJ9.bm90IGpzb24.sig',
      `${'x'.repeat(5000)}.${'y'.repeat(5000)}.z`,
    ]) {
      const res = await send(h.gateway.proxyPort, { headers: bearer(token) });
      expect(res.status).toBe(401);
    }
    const ok = await send(h.gateway.proxyPort, {
      headers: { 'x-api-key': 'sl_demo_acme_8f3c2a91d4e54b7f9a1c' },
    });
    expect(ok.status).toBe(200);
  });
});

describe('API-key revocation', () => {
  it('stops a revoked key within about two seconds although its cache entry would live ten minutes', async () => {
    const key = 'sl_demo_initech_c4a19e7b3d2f4a6c8e01';
    expect((await send(h.gateway.proxyPort, { headers: { 'x-api-key': key } })).status).toBe(200);
    h.auth.revoke(key);
    const revokedAt = Date.now();
    await waitFor(
      async () => (await send(h.gateway.proxyPort, { headers: { 'x-api-key': key } })).status === 401,
      3_000,
      50,
    );
    expect(Date.now() - revokedAt).toBeLessThan(2_500);
    expect(h.auth.violations).toEqual([]);
    expect(h.auth.feedPolls.at(-1)).toBe(1);
    const metrics = (await send(h.gateway.adminPort, { path: '/metrics' })).body;
    expect(metrics).toContain('gateway_apikey_revocations_total{service="gateway"} 1');
  });

  it('keeps working with an older auth that has no revocation feed (404), relying on the cache TTL', async () => {
    h.auth.feedEnabled = false;
    const polls = h.auth.feedPolls.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(h.auth.feedPolls.length).toBe(polls);
    const info = await waitFor(() =>
      h.telemetry.logs().find((l) => String(l.msg).startsWith('auth has no API-key revocation feed')),
    );
    expect(info.level).toBe('info');
    expect(
      (await send(h.gateway.proxyPort, { headers: { 'x-api-key': 'sl_demo_acme_8f3c2a91d4e54b7f9a1c' } }))
        .status,
    ).toBe(200);
    h.auth.feedEnabled = true;
  });
});
