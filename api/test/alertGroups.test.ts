import { freePort } from '@sightline/testing';
import { loadApiConfig } from '../src/config';
import { startApi } from '../src/startApi';
import { stubAlert, stubGroup } from './support/alertEngineFixtures';
import { expectProblem, requestApi } from './support/requestApi';
import { INTERNAL_TOKEN, startApiWithStubs } from './support/startApiWithStubs';
import type { ApiFixture } from './support/startApiWithStubs';

let f: ApiFixture;
const call = requestApi(() => f.base);
let sre: string;
let acmeAdmin: string;
let acmeDeveloper: string;

beforeAll(async () => {
  f = await startApiWithStubs();
  sre = await f.issuer.sign({ tenant: null, roles: ['sre'], sub: 'sre-ops' });
  acmeAdmin = await f.issuer.sign({ tenant: 'acme', roles: ['tenant_admin'], sub: 'ada@acme.test' });
  acmeDeveloper = await f.issuer.sign({ tenant: 'acme', roles: ['developer'], sub: 'dev-1' });
});

afterAll(async () => {
  await f?.close();
});

beforeEach(() => {
  const e = f.alerting.engine;
  e.reset();
  e.alerts.push(stubAlert('acme'), stubAlert('globex'), stubAlert(null));
  e.groups.push(
    stubGroup(1, 'acme', [stubAlert('acme')]),
    stubGroup(2, 'globex', [stubAlert('globex')]),
    // A route that does not group by tenant puts several tenants' alerts in one group.
    stubGroup(3, 'acme', [stubAlert('acme'), stubAlert('globex')]),
  );
});

const tenantsOf = (items: { tenant: string | null }[]) => items.map((i) => i.tenant);

describe('GET /v1/alerts', () => {
  it("lists every tenant's alerts for a platform sre, telling alerting who asked and confining it to no tenant", async () => {
    const res = await call('GET', '/v1/alerts', sre);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(tenantsOf(((await res.json()) as { alerts: { tenant: string | null }[] }).alerts)).toEqual([
      'acme',
      'globex',
      null,
    ]);
    expect(f.alerting.engine.lastRequest()).toMatchObject({
      path: '/internal/v1/alerts',
      actor: 'sre-ops',
      tenant: undefined,
    });
  });

  it('passes a platform token’s tenant, state, severity and limit filters on to alerting', async () => {
    const res = await call('GET', '/v1/alerts?tenant=globex&state=firing&severity=page&limit=5', sre);
    expect(tenantsOf(((await res.json()) as { alerts: { tenant: string }[] }).alerts)).toEqual(['globex']);
    expect(f.alerting.engine.lastRequest()!.path).toBe(
      '/internal/v1/alerts?tenant=globex&state=firing&severity=page&limit=5',
    );
  });

  it("gives a tenant developer its own tenant's alerts only, sending X-Sightline-Tenant", async () => {
    const res = await call('GET', '/v1/alerts', acmeDeveloper);
    expect(tenantsOf(((await res.json()) as { alerts: { tenant: string }[] }).alerts)).toEqual(['acme']);
    expect(f.alerting.engine.lastRequest()).toMatchObject({ actor: 'dev-1', tenant: 'acme' });
  });

  it("drops another tenant's alerts even when alerting ignores the tenant header", async () => {
    f.alerting.engine.ignoreTenantHeader = true;
    const res = await call('GET', '/v1/alerts', acmeDeveloper);
    expect(tenantsOf(((await res.json()) as { alerts: { tenant: string }[] }).alerts)).toEqual(['acme']);
  });

  it('refuses a tenant token that names another tenant with 403, without asking alerting', async () => {
    await expectProblem(await call('GET', '/v1/alerts?tenant=globex', acmeDeveloper), 403);
    expect(f.alerting.engine.requests).toHaveLength(0);
  });

  it.each([
    ['an unknown state', '?state=pending'],
    ['an unknown parameter', '?after=3'],
    ['a repeated parameter', '?state=firing&state=resolved'],
    ['a malformed tenant', '?tenant=ACME'],
    ['a limit of 0', '?limit=0'],
    ['a limit over 1000', '?limit=1001'],
    ['a limit that is not a number', '?limit=1e3'],
  ])('refuses %s with 400 before calling alerting', async (_name, query) => {
    await expectProblem(await call('GET', `/v1/alerts${query}`, sre), 400);
    expect(f.alerting.engine.requests).toHaveLength(0);
  });
});

describe('GET /v1/alert-groups', () => {
  it("gives a tenant_admin its own tenant's groups, filtered by state", async () => {
    const res = await call('GET', '/v1/alert-groups?state=firing', acmeAdmin);
    expect(res.status).toBe(200);
    const { groups } = (await res.json()) as { groups: { id: number }[] };
    expect(groups.map((g) => g.id)).toEqual([1, 3]);
    expect(f.alerting.engine.lastRequest()).toMatchObject({
      path: '/internal/v1/groups?state=firing',
      tenant: 'acme',
      actor: 'ada@acme.test',
    });
  });

  it("drops another tenant's groups even when alerting ignores the tenant header", async () => {
    f.alerting.engine.ignoreTenantHeader = true;
    const { groups } = (await (await call('GET', '/v1/alert-groups', acmeAdmin)).json()) as {
      groups: { tenant: string }[];
    };
    expect(tenantsOf(groups)).toEqual(['acme', 'acme']);
  });

  it.each([
    ['a group limit over 500', '?limit=501'],
    ['an unknown state', '?state=muted'],
  ])('refuses %s with 400', async (_name, query) => {
    await expectProblem(await call('GET', `/v1/alert-groups${query}`, sre), 400);
  });
});

describe('GET /v1/alert-groups/:id', () => {
  it('shows a tenant_admin its group with alerts, timeline and notifications', async () => {
    const res = await call('GET', '/v1/alert-groups/1', acmeAdmin);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      group: { id: number; state: string };
      alerts: unknown[];
      timeline: { kind: string }[];
      notifications: { status: string }[];
    };
    expect(body.group).toMatchObject({ id: 1, state: 'firing' });
    expect(body.alerts).toHaveLength(1);
    expect(body.timeline.map((e) => e.kind)).toEqual(['triggered']);
    expect(body.notifications.map((n) => n.status)).toEqual(['delivered']);
    expect(f.alerting.engine.lastRequest()).toMatchObject({ path: '/internal/v1/groups/1', tenant: 'acme' });
  });

  it('answers a tenant_admin of acme 404 for a globex group, exactly as for a missing one', async () => {
    const other = await expectProblem(await call('GET', '/v1/alert-groups/2', acmeAdmin), 404);
    const missing = await expectProblem(await call('GET', '/v1/alert-groups/99', acmeAdmin), 404);
    expect(other.detail).toBe('no alert group 2');
    expect(missing.detail).toBe('no alert group 99');
    expect(f.alerting.engine.requests.map((r) => r.tenant)).toEqual(['acme', 'acme']);
  });

  it("answers 404 for another tenant's group even when alerting ignores the tenant header", async () => {
    f.alerting.engine.ignoreTenantHeader = true;
    await expectProblem(await call('GET', '/v1/alert-groups/2', acmeAdmin), 404);
  });

  it("shows a tenant only its own alerts of a group that also holds another tenant's", async () => {
    const { alerts } = (await (await call('GET', '/v1/alert-groups/3', acmeAdmin)).json()) as {
      alerts: { tenant: string }[];
    };
    expect(tenantsOf(alerts)).toEqual(['acme']);
    const all = (await (await call('GET', '/v1/alert-groups/3', sre)).json()) as {
      alerts: { tenant: string }[];
    };
    expect(tenantsOf(all.alerts)).toEqual(['acme', 'globex']);
  });

  it.each(['0', '-1', '0x10', '1e3', '1.5', 'abc', '1234567890123456'])(
    'refuses the group id %s with 400 before calling alerting',
    async (id) => {
      await expectProblem(await call('GET', `/v1/alert-groups/${id}`, sre), 400);
      expect(f.alerting.engine.requests).toHaveLength(0);
    },
  );
});

describe('POST /v1/alert-groups/:id/ack and /resolve', () => {
  it('acknowledges a group as the token subject, and alerting records who did it', async () => {
    const res = await call('POST', '/v1/alert-groups/1/ack', acmeAdmin);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { group: unknown }).group).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'ada@acme.test',
    });
    const post = f.alerting.engine.requests.find((r) => r.method === 'POST')!;
    expect(post).toMatchObject({ path: '/internal/v1/groups/1/ack', actor: 'ada@acme.test', tenant: 'acme' });
    expect(f.alerting.engine.audit[0]).toMatchObject({
      action: 'group.ack',
      actor: 'ada@acme.test',
      tenant: 'acme',
    });
  });

  it('resolves a group, and passes on alerting’s 409 when it is acknowledged afterwards', async () => {
    expect((await call('POST', '/v1/alert-groups/1/resolve', sre)).status).toBe(200);
    const body = await expectProblem(await call('POST', '/v1/alert-groups/1/ack', sre), 409);
    expect(body.detail).toBe('alert group 1 is not firing');
  });

  it.each(['ack', 'resolve'])(
    'answers a tenant_admin of acme 404 when it tries to %s a globex group, and alerting is never asked to',
    async (action) => {
      await expectProblem(await call('POST', `/v1/alert-groups/2/${action}`, acmeAdmin), 404);
      expect(f.alerting.engine.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
      expect(f.alerting.engine.requests.map((r) => r.tenant)).toEqual(['acme']);
      expect(f.alerting.engine.groups[1]!.group.state).toBe('firing');
    },
  );

  it("refuses a tenant_admin a group that also holds another tenant's alerts with 403; a platform sre may ack it", async () => {
    const body = await expectProblem(await call('POST', '/v1/alert-groups/3/ack', acmeAdmin), 403);
    expect(body.detail).toContain('other tenants');
    expect(f.alerting.engine.groups[2]!.group.state).toBe('firing');
    expect((await call('POST', '/v1/alert-groups/3/ack', sre)).status).toBe(200);
  });

  it('takes an empty JSON object as the body', async () => {
    expect((await call('POST', '/v1/alert-groups/1/ack', sre, {})).status).toBe(200);
  });

  it.each([
    ['malformed JSON', 400, '{"oops"', 'application/json'],
    ['a field it does not know', 400, '{"comment":"mine"}', 'application/json'],
    ['a body over 4 kB', 413, JSON.stringify({ pad: 'x'.repeat(5000) }), 'application/json'],
    ['a body that is not JSON', 415, 'ack please', 'text/plain'],
  ])('refuses %s with %i before calling alerting', async (_name, status, body, type) => {
    const headers = { 'content-type': type };
    await expectProblem(await call('POST', '/v1/alert-groups/1/ack', sre, body, headers), status);
    expect(f.alerting.engine.requests).toHaveLength(0);
  });
});

describe('the actor alerting records', () => {
  it('is the token subject with characters alerting does not allow turned into _', async () => {
    const token = await f.issuer.sign({ tenant: null, roles: ['sre'], sub: 'auth0|user 42/é' });
    await call('GET', '/v1/alerts', token);
    expect(f.alerting.engine.lastRequest()!.actor).toBe('auth0_user_42__');
  });

  it('is cut to the 128 characters alerting accepts', async () => {
    const token = await f.issuer.sign({ tenant: null, roles: ['sre'], sub: 'a'.repeat(300) });
    expect((await call('GET', '/v1/alerts', token)).status).toBe(200);
    expect(f.alerting.engine.lastRequest()!.actor).toBe('a'.repeat(128));
  });
});

describe('when alerting misbehaves', () => {
  it.each(['/v1/alerts', '/v1/alert-groups', '/v1/alert-groups/1'])(
    'answers %s with 502 when alerting sends a body outside its contract',
    async (path) => {
      f.alerting.brokenBody = true;
      try {
        const body = await expectProblem(await call('GET', path, sre), 502);
        expect(body.detail).toBe('alerting gave an unexpected answer');
      } finally {
        f.alerting.brokenBody = false;
      }
    },
  );
});

describe('with alerting unreachable', () => {
  let down: Awaited<ReturnType<typeof startApi>>;
  const downCall = requestApi(() => `http://127.0.0.1:${down.port}`);

  beforeAll(async () => {
    down = await startApi(
      loadApiConfig(
        {},
        {
          API_PORT: 0,
          AUTH_URL: f.auth.url,
          COLLECTOR_URL: f.collector.url,
          GATEWAY_ADMIN_URL: f.gateway.url,
          ALERTING_URL: `http://127.0.0.1:${await freePort()}`,
          INTERNAL_TOKEN,
          LOG_LEVEL: 'silent',
        },
      ),
    );
  });

  afterAll(async () => {
    await down?.close();
  });

  it.each([
    ['GET', '/v1/alerts', undefined],
    ['GET', '/v1/alert-groups/1', undefined],
    ['POST', '/v1/alert-groups/1/ack', undefined],
    ['POST', '/v1/silences', { tenant: 'acme', comment: 'x', window: { kind: 'once' } }],
    ['GET', '/v1/alerting/channels', undefined],
    ['DELETE', '/v1/alerting/routes/team', undefined],
  ])('answers %s %s with a 503 problem that names alerting but not its URL', async (method, path, body) => {
    const res = await downCall(method, path, sre, body);
    const problem = await expectProblem(res, 503);
    expect(problem.detail).toBe('alerting is unavailable');
    expect(res.headers.get('retry-after')).toBe('5');
  });
});
