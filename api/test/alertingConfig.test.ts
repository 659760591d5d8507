import { expectProblem, requestApi } from './support/requestApi';
import { startApiWithStubs } from './support/startApiWithStubs';
import type { ApiFixture } from './support/startApiWithStubs';

let f: ApiFixture;
const call = requestApi(() => f.base);
let sre: string;
let acmeAdmin: string;
let acmeDeveloper: string;

const slack = { type: 'slack', webhookUrl: 'https://hooks.slack.test/T000/B000/secret-token' };

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
  f.alerting.engine.reset();
});

describe('/v1/alerting/channels', () => {
  it('creates a channel as a platform sre, and alerting answers with its secret masked', async () => {
    const res = await call('POST', '/v1/alerting/channels', sre, {
      id: 'ops-slack',
      name: 'Ops',
      config: slack,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/v1/alerting/channels/ops-slack');
    const channel = (await res.json()) as { config: { webhookUrl: string } };
    expect(channel.config.webhookUrl).not.toContain('secret-token');
    expect(f.alerting.engine.lastRequest()).toMatchObject({
      path: '/internal/v1/channels',
      actor: 'sre-ops',
      tenant: undefined,
      body: { id: 'ops-slack', name: 'Ops', config: slack },
    });
    const list = (await (await call('GET', '/v1/alerting/channels', sre)).json()) as {
      channels: { id: string }[];
    };
    expect(list.channels.map((c) => c.id)).toEqual(['ops-slack']);
  });

  it.each([
    ['an unknown channel type', { name: 'Ops', config: { type: 'carrier-pigeon' } }],
    ['a slack channel without its webhook URL', { name: 'Ops', config: { type: 'slack' } }],
    [
      'a webhook secret shorter than 16 characters',
      { name: 'W', config: { type: 'webhook', url: 'https://x.test', secret: 'short' } },
    ],
    ['an empty name', { name: '', config: slack }],
    ['an id with upper case', { id: 'Ops', name: 'Ops', config: slack }],
  ])('refuses %s with 400 before calling alerting', async (_name, body) => {
    await expectProblem(await call('POST', '/v1/alerting/channels', sre, body), 400);
    expect(f.alerting.engine.requests).toHaveLength(0);
  });

  it('refuses a super_admin token bound to a tenant any change with 403, whatever its role', async () => {
    const tenantSuperAdmin = await f.issuer.sign({ tenant: 'acme', roles: ['super_admin', 'sre'] });
    const res = await call('POST', '/v1/alerting/channels', tenantSuperAdmin, { name: 'Ops', config: slack });
    const body = await expectProblem(res, 403);
    expect(body.detail).toContain('platform-wide');
    expect(f.alerting.engine.requests).toHaveLength(0);
  });
});

describe('/v1/alerting/users, policies and routes', () => {
  it("passes on alerting's 400 and its reason for a user whose channel does not exist", async () => {
    const res = await call('POST', '/v1/alerting/users', sre, { name: 'Alice', channelIds: ['nope'] });
    expect((await expectProblem(res, 400)).detail).toBe('channelIds: channel nope does not exist');
  });

  it("passes on alerting's 409 for an id that is taken", async () => {
    expect((await call('POST', '/v1/alerting/users', sre, { id: 'alice', name: 'Alice' })).status).toBe(201);
    await expectProblem(await call('POST', '/v1/alerting/users', sre, { id: 'alice', name: 'Alice' }), 409);
  });

  it('replaces and deletes an escalation policy', async () => {
    const policy = {
      name: 'Default',
      repeat: 1,
      steps: [{ targets: [{ type: 'user', id: 'alice' }], waitMinutes: 5 }],
    };
    expect((await call('POST', '/v1/alerting/policies', sre, { id: 'default', ...policy })).status).toBe(201);
    const res = await call('PUT', '/v1/alerting/policies/default', sre, { ...policy, repeat: 3 });
    expect(((await res.json()) as { repeat: number }).repeat).toBe(3);
    expect((await call('DELETE', '/v1/alerting/policies/default', sre)).status).toBe(204);
    await expectProblem(await call('GET', '/v1/alerting/policies/default', sre), 404);
  });

  it.each([
    [
      'a step without targets',
      '/v1/alerting/policies',
      { name: 'P', steps: [{ targets: [], waitMinutes: 5 }] },
    ],
    ['a repeat over 20', '/v1/alerting/policies', { name: 'P', repeat: 21 }],
    [
      'a group wait over an hour',
      '/v1/alerting/routes',
      { name: 'R', parentId: 'root', groupWaitSeconds: 3601 },
    ],
    [
      'a matcher with an unknown operator',
      '/v1/alerting/routes',
      { name: 'R', matchers: [{ name: 'a', type: '~', value: 'b' }] },
    ],
  ])('refuses %s with 400 before calling alerting', async (_name, path, body) => {
    await expectProblem(await call('POST', path, sre, body), 400);
    expect(f.alerting.engine.requests).toHaveLength(0);
  });
});

describe('GET /v1/alerting/schedules/:id/oncall', () => {
  beforeEach(async () => {
    const schedule = { id: 'primary', name: 'Primary', spec: { users: ['alice', 'bob'] } };
    expect((await call('POST', '/v1/alerting/schedules', sre, schedule)).status).toBe(201);
    // acme's alerts reach the root route, whose policy pages the schedule: so acme may ask who is on call on it.
    const steps = [{ targets: [{ type: 'schedule', id: 'primary' }], waitMinutes: 5 }];
    expect(
      (await call('POST', '/v1/alerting/policies', sre, { id: 'default', name: 'D', steps })).status,
    ).toBe(201);
    const root = { id: 'root', name: 'Root', parentId: null, policyId: 'default' };
    expect((await call('POST', '/v1/alerting/routes', sre, root)).status).toBe(201);
  });

  it('tells a tenant developer who is on call at an instant, sending its tenant', async () => {
    const res = await call(
      'GET',
      '/v1/alerting/schedules/primary/oncall?at=2026-03-01T12:00:00Z',
      acmeDeveloper,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      schedule: 'primary',
      at: '2026-03-01T12:00:00.000Z',
      users: ['alice'],
      shift: null,
    });
    expect(f.alerting.engine.lastRequest()).toMatchObject({
      path: '/internal/v1/schedules/primary/oncall?at=2026-03-01T12%3A00%3A00Z',
      tenant: 'acme',
    });
  });

  it.each([
    ['an instant without a zone', '?at=2026-03-01T12:00:00'],
    ['something that is not an instant', '?at=tomorrow'],
    ['an unknown parameter', '?until=2026-03-01T12:00:00Z'],
  ])('refuses %s with 400', async (_name, query) => {
    await expectProblem(await call('GET', `/v1/alerting/schedules/primary/oncall${query}`, sre), 400);
  });

  it('answers 404 for a schedule alerting does not know', async () => {
    expect(
      (await expectProblem(await call('GET', '/v1/alerting/schedules/nope/oncall', sre), 404)).detail,
    ).toBe('no schedule nope');
  });
});

describe('GET /v1/alerting/audit', () => {
  beforeEach(async () => {
    const window = { kind: 'once', startsAt: '2026-03-01T22:00:00Z', endsAt: '2026-03-01T23:00:00Z' };
    for (const tenant of ['acme', 'globex'])
      expect((await call('POST', '/v1/silences', sre, { tenant, comment: 'x', window })).status).toBe(201);
    expect((await call('POST', '/v1/alerting/users', sre, { id: 'alice', name: 'Alice' })).status).toBe(201);
  });

  it('shows a platform sre every entry, newest first, with who did what', async () => {
    const res = await call('GET', '/v1/alerting/audit?limit=10', sre);
    const { entries } = (await res.json()) as {
      entries: { action: string; actor: string; tenant: string | null }[];
    };
    expect(entries.map((e) => [e.action, e.tenant])).toEqual([
      ['users.create', null],
      ['silences.create', 'globex'],
      ['silences.create', 'acme'],
    ]);
    expect(entries.every((e) => e.actor === 'sre-ops')).toBe(true);
    expect(f.alerting.engine.lastRequest()!.path).toBe('/internal/v1/audit?limit=10');
  });

  it("shows a tenant_admin its own tenant's entries only, even when alerting ignores the tenant header", async () => {
    for (const ignore of [false, true]) {
      f.alerting.engine.ignoreTenantHeader = ignore;
      const { entries } = (await (await call('GET', '/v1/alerting/audit', acmeAdmin)).json()) as {
        entries: { tenant: string }[];
      };
      expect(entries.map((e) => e.tenant)).toEqual(['acme']);
      expect(f.alerting.engine.lastRequest()!.tenant).toBe('acme');
    }
  });

  it('refuses a limit over 1000 with 400', async () => {
    await expectProblem(await call('GET', '/v1/alerting/audit?limit=1001', sre), 400);
  });
});
