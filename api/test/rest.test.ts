import { LATENCY_BUCKETS_MS, SlaSnapshot } from '@sightline/contracts';
import type { TraceView } from '@sightline/contracts';
import { freePort } from '@sightline/testing';
import { loadApiConfig } from '../src/config';
import { startApi } from '../src/startApi';
import { STUB_TENANTS } from './support/GatewayAdminStub';
import { CONSOLE_ORIGIN, INTERNAL_TOKEN, startApiWithStubs } from './support/startApiWithStubs';
import type { ApiFixture } from './support/startApiWithStubs';
import { TestIssuer } from '@sightline/testing';

let f: ApiFixture;
let superAdmin: string;
let acmeViewer: string;
let acmeDeveloper: string;

beforeAll(async () => {
  f = await startApiWithStubs();
  superAdmin = await f.issuer.sign({ tenant: null, roles: ['super_admin'] });
  acmeViewer = await f.issuer.sign({ tenant: 'acme', roles: ['viewer'] });
  acmeDeveloper = await f.issuer.sign({ tenant: 'acme', roles: ['developer'] });
});

afterAll(async () => {
  await f?.close();
});

function get(path: string, token?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${f.base}${path}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

async function expectProblem(res: Response, status: number): Promise<{ detail?: string }> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as { status: number; detail?: string };
  expect(body.status).toBe(status);
  return body;
}

function b64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('authentication', () => {
  it('refuses a request without a token with 401 and a Bearer challenge', async () => {
    const res = await get('/v1/tenants');
    await expectProblem(res, 401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it.each([
    ['a token that is not a JWT', () => Promise.resolve('not-a-jwt')],
    [
      'an unsigned token (alg none)',
      () =>
        Promise.resolve(
          `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'x', tenant: null, roles: ['super_admin'], iss: 'sightline-auth', aud: 'sightline', exp: Math.floor(Date.now() / 1000) + 600 })}.`,
        ),
    ],
    [
      'a token signed with another key under the same kid',
      async () => (await TestIssuer.create()).sign({ tenant: null, roles: ['super_admin'] }),
    ],
    [
      'a token signed with an unknown kid',
      async () => (await TestIssuer.create('other-kid')).sign({ tenant: null, roles: ['super_admin'] }),
    ],
    [
      'an expired token',
      () => f.issuer.sign({ tenant: null, roles: ['super_admin'], expiresInSeconds: -60 }),
    ],
    [
      'a token from another issuer',
      () => f.issuer.sign({ tenant: null, roles: ['super_admin'], issuer: 'evil' }),
    ],
    [
      'a token for another audience',
      () => f.issuer.sign({ tenant: null, roles: ['super_admin'], audience: 'grafana' }),
    ],
    ['a token with an unknown role', () => f.issuer.sign({ tenant: null, roles: ['root' as 'sre'] })],
  ])('refuses %s with 401', async (_name, makeToken) => {
    await expectProblem(await get('/v1/tenants', await makeToken()), 401);
  });

  it('verifies tokens locally: the JWKS is fetched once, not on every request', async () => {
    const before = f.auth.jwksRequests;
    for (let i = 0; i < 5; i++) expect((await get('/v1/tenants', superAdmin)).status).toBe(200);
    expect(f.auth.jwksRequests - before).toBe(0);
    expect(f.auth.jwksRequests).toBeLessThanOrEqual(2);
  });
});

describe('GET /v1/tenants', () => {
  it('lists every tenant for a platform super_admin', async () => {
    const res = await get('/v1/tenants', superAdmin);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(STUB_TENANTS);
  });

  it('shows a tenant-scoped token only its own tenant', async () => {
    const res = await get('/v1/tenants', acmeViewer);
    expect(((await res.json()) as { id: string }[]).map((t) => t.id)).toEqual(['acme']);
  });

  it('shows a platform-wide token without super_admin or sre no tenant at all', async () => {
    const executive = await f.issuer.sign({ tenant: null, roles: ['executive'] });
    expect(await (await get('/v1/tenants', executive)).json()).toEqual([]);
  });
});

describe('GET /v1/tenants/:id/sla', () => {
  beforeAll(() => {
    const latency = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
    latency[4] = 100; // 50–100 ms
    f.collector.setRollups('acme', { requests: 1000, errors: 9, rateLimited: 100, latencyBuckets: latency });
    f.collector.setRollups('acme', { requests: 10, errors: 1, rateLimited: 0 }, '1h');
  });

  it('computes availability from the rollups without counting 429s as errors', async () => {
    const res = await get('/v1/tenants/acme/sla', acmeViewer);
    expect(res.status).toBe(200);
    const sla = SlaSnapshot.parse(await res.json());
    expect(sla).toMatchObject({
      tenantId: 'acme',
      tier: 'enterprise',
      window: '5m',
      requests: 1000,
      errors: 9,
      rateLimited: 100,
      objective: 0.9995,
    });
    expect(sla.availability).toBeCloseTo(0.99, 10);
    expect(sla.latencyMs.p50).toBeCloseTo(75, 3);
    expect(f.collector.rollupRequests).toContain('acme:5m');
  });

  it('uses the window given in the query string', async () => {
    const sla = SlaSnapshot.parse(await (await get('/v1/tenants/acme/sla?window=1h', acmeViewer)).json());
    expect(sla.window).toBe('1h');
    expect(sla.availability).toBeCloseTo(0.9, 10);
  });

  it.each([
    ['an unknown window', '/v1/tenants/acme/sla?window=2h'],
    ['a repeated window parameter', '/v1/tenants/acme/sla?window=5m&window=1h'],
    ['a tenant id with illegal characters', '/v1/tenants/ACME%20;drop/sla'],
    ['a tenant id longer than 63 characters', `/v1/tenants/${'a'.repeat(64)}/sla`],
  ])('answers %s with 400', async (_name, path) => {
    await expectProblem(await get(path, superAdmin), 400);
  });

  it("refuses a tenant-scoped token another tenant's SLA with 403", async () => {
    await expectProblem(await get('/v1/tenants/globex/sla', acmeViewer), 403);
  });

  it('answers 404 for a tenant the gateway does not know', async () => {
    await expectProblem(await get('/v1/tenants/umbrella/sla', superAdmin), 404);
  });
});

describe('GET /v1/traces/:traceId', () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const globexTraceId = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
  const span = (id: string, tenantId: string, tid = traceId) => ({
    traceId: tid,
    spanId: id,
    parentSpanId: null,
    tenantId,
    service: 'gateway',
    name: 'GET /orders',
    kind: 2,
    startTime: '2026-03-01T12:00:00.000Z',
    endTime: '2026-03-01T12:00:00.050Z',
    durationMs: 50,
    statusCode: 0,
    statusMessage: null,
    attributes: { 'http.response.status_code': 200 },
  });

  beforeAll(() => {
    const mixed: TraceView = {
      traceId,
      spans: [span('00f067aa0ba902b7', 'acme'), span('00f067aa0ba902b8', '_platform')],
      logs: [],
    };
    f.collector.addTrace(mixed);
    f.collector.addTrace({
      traceId: globexTraceId,
      spans: [span('00f067aa0ba902b9', 'globex', globexTraceId)],
      logs: [],
    });
  });

  it('gives a platform sre the whole trace', async () => {
    const sre = await f.issuer.sign({ tenant: null, roles: ['sre'] });
    const res = await get(`/v1/traces/${traceId}`, sre);
    expect(res.status).toBe(200);
    expect(((await res.json()) as TraceView).spans).toHaveLength(2);
  });

  it("gives a tenant's developer only that tenant's spans, asking the collector with ?tenant=", async () => {
    const res = await get(`/v1/traces/${traceId.toUpperCase()}`, acmeDeveloper);
    expect(res.status).toBe(200);
    const trace = (await res.json()) as TraceView;
    expect(trace.spans.map((s) => s.tenantId)).toEqual(['acme']);
    expect(f.collector.traceRequests).toContain(`${traceId}?tenant=acme`);
  });

  it("refuses a tenant's developer another tenant's trace with 403", async () => {
    await expectProblem(await get(`/v1/traces/${globexTraceId}`, acmeDeveloper), 403);
  });

  it('refuses a viewer, whose role may not read traces, with 403', async () => {
    await expectProblem(await get(`/v1/traces/${traceId}`, acmeViewer), 403);
  });

  it('answers 404 for a trace the collector does not have', async () => {
    await expectProblem(await get('/v1/traces/0123456789abcdef0123456789abcdef', superAdmin), 404);
  });

  it.each([
    ['too short', 'abc123'],
    ['not hex', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'],
    ['path traversal', '..%2F..%2Finternal%2Fv1%2Ftenants'],
    ['33 digits', `${traceId}0`],
  ])('answers a malformed trace id (%s) with 400 without calling the collector', async (_name, id) => {
    const before = f.collector.traceRequests.length;
    await expectProblem(await get(`/v1/traces/${id}`, superAdmin), 400);
    expect(f.collector.traceRequests.length).toBe(before);
  });
});

describe('POST /v1/auth/login', () => {
  const login = (body: string, contentType = 'application/json') =>
    fetch(`${f.base}/v1/auth/login`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it("passes auth's token back on success", async () => {
    const res = await login(JSON.stringify({ email: 'dev@acme.test', password: 'right password' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken: string; user: { tenantId: string } };
    expect(body.user.tenantId).toBe('acme');
    expect((await get('/v1/tenants', body.accessToken)).status).toBe(200);
  });

  it("passes auth's 401 problem back unchanged", async () => {
    const res = await login(JSON.stringify({ email: 'dev@acme.test', password: 'wrong' }));
    expect((await expectProblem(res, 401)).detail).toBe('invalid email or password');
  });

  it.each([
    ['malformed JSON', '{"email":', 400],
    ['a missing password', JSON.stringify({ email: 'dev@acme.test' }), 400],
    ['a body over 16 kB', JSON.stringify({ email: 'dev@acme.test', password: 'x'.repeat(17_000) }), 413],
  ])('rejects %s before calling auth', async (_name, body, status) => {
    const before = f.auth.loginRequests;
    await expectProblem(await login(body), status);
    expect(f.auth.loginRequests).toBe(before);
  });
});

describe('session routes', () => {
  const post = (path: string, body: string) =>
    fetch(`${f.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('forwards the caller address to auth so it can audit and lock out by origin', async () => {
    await post('/v1/auth/login', JSON.stringify({ email: 'dev@acme.test', password: 'right password' }));
    expect(f.auth.lastForwardedFor).toBe('127.0.0.1');
  });

  it("passes auth's lockout 429 back with its Retry-After", async () => {
    const res = await post('/v1/auth/login', JSON.stringify({ email: 'locked@acme.test', password: 'x' }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('120');
  });

  it('rotates a refresh token through auth and passes a reused one back as 401', async () => {
    const ok = await post('/v1/auth/refresh', JSON.stringify({ refreshToken: 'good-refresh' }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(((await ok.json()) as { refreshToken: string }).refreshToken).toBe('next-refresh');
    const reused = await post('/v1/auth/refresh', JSON.stringify({ refreshToken: 'spent' }));
    expect((await expectProblem(reused, 401)).detail).toBe('refresh token reused');
  });

  it('logs out with 204 and an empty body', async () => {
    const res = await post('/v1/auth/logout', JSON.stringify({ refreshToken: 'good-refresh' }));
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it.each([
    ['a missing token', '{}'],
    ['an extra field', JSON.stringify({ refreshToken: 'a', admin: true })],
    ['an oversized token', JSON.stringify({ refreshToken: 'x'.repeat(600) })],
  ])('rejects a refresh with %s before calling auth', async (_name, body) => {
    const before = f.auth.refreshRequests;
    await expectProblem(await post('/v1/auth/refresh', body), 400);
    expect(f.auth.refreshRequests).toBe(before);
  });
});

describe('CORS', () => {
  it('allows the configured console origin, including a preflight', async () => {
    const res = await fetch(`${f.base}/v1/tenants`, {
      method: 'OPTIONS',
      headers: {
        origin: CONSOLE_ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(CONSOLE_ORIGIN);
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('gives any other origin no CORS headers', async () => {
    const res = await get('/v1/tenants', superAdmin, { origin: 'https://evil.example' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('health', () => {
  it('is ready when the auth JWKS and the collector answer', async () => {
    const res = await get('/readyz');
    expect(res.status).toBe(200);
  });
});

describe('with its dependencies down', () => {
  let down: Awaited<ReturnType<typeof startApi>>;
  let base: string;

  beforeAll(async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    down = await startApi(
      loadApiConfig(
        {},
        {
          API_PORT: 0,
          AUTH_URL: dead,
          COLLECTOR_URL: dead,
          GATEWAY_ADMIN_URL: dead,
          INTERNAL_TOKEN,
          LOG_LEVEL: 'silent',
        },
      ),
    );
    base = `http://127.0.0.1:${down.port}`;
  });

  afterAll(async () => {
    await down?.close();
  });

  it('answers a login with 503 when auth is unreachable, without naming its URL', async () => {
    const res = await fetch(`${base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.test', password: 'x' }),
    });
    const body = await expectProblem(res, 503);
    expect(body.detail).toBe('auth is unavailable');
  });

  it('answers an authenticated request with 503 when the JWKS cannot be fetched', async () => {
    const res = await fetch(`${base}/v1/tenants`, { headers: { authorization: `Bearer ${superAdmin}` } });
    await expectProblem(res, 503);
  });

  it('reports not ready', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
  });
});
