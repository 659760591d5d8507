import type { Role } from '@sightline/contracts';
import { expectProblem, requestApi } from './support/requestApi';
import { startApiWithStubs } from './support/startApiWithStubs';
import type { ApiFixture } from './support/startApiWithStubs';

let f: ApiFixture;
const call = requestApi(() => f.base);

beforeAll(async () => {
  f = await startApiWithStubs();
});

afterAll(async () => {
  await f?.close();
});

const at = { updatedAt: '2026-03-01T12:00:00.000Z' };
const layer = (participants: string[]) => ({
  name: 'Days',
  rotation: 'daily',
  handoffTime: '09:00',
  startDate: '2026-03-02',
  participants,
});
const route = (id: string, parentId: string | null, policyId: string | null, matchers: object[] = []) => ({
  id,
  name: id,
  parentId,
  position: 0,
  matchers,
  continue: false,
  groupBy: null,
  groupWaitSeconds: null,
  groupIntervalSeconds: null,
  repeatIntervalSeconds: null,
  policyId,
  ...at,
});

// The root pages `default` for everyone; acme's and initech's regex route pages `nights`, a child of it inherits
// `nights`; globex has a route of its own, and a route for everyone but acme pages `not-acme`.
function seed(): void {
  const e = f.alerting.engine;
  e.reset();
  const { channels, users, schedules, policies, routes } = e.resources;
  channels.set('pd', {
    id: 'pd',
    name: 'PagerDuty',
    type: 'pagerduty',
    config: { routingKey: '••••c0de' },
    ...at,
  });
  channels.set('globex-slack', { id: 'globex-slack', name: 'Globex', type: 'slack', config: {}, ...at });
  for (const [id, name] of [
    ['alice', 'Alice Wong'],
    ['bob', 'Bob Marsh'],
    ['carol', 'Carol Diaz'],
    ['dave', 'Dave Kim'],
  ] as const)
    users.set(id, { id, name, email: `${id}@example.com`, channelIds: ['pd'], ...at });
  schedules.set('primary', {
    id: 'primary',
    name: 'Primary',
    spec: {
      timeZone: 'UTC',
      layers: [layer(['alice', 'bob'])],
      overrides: [{ user: 'dave', start: '2026-03-02T09:00:00Z', end: '2026-03-02T12:00:00Z' }],
    },
    ...at,
  });
  schedules.set('globex-db', {
    id: 'globex-db',
    name: 'Globex DB',
    spec: { timeZone: 'UTC', layers: [layer(['carol'])] },
    ...at,
  });
  const policy = (id: string, targets: object[]) => ({
    id,
    name: id,
    repeat: 0,
    steps: [{ targets, waitMinutes: 5 }],
    ...at,
  });
  policies.set(
    'default',
    policy('default', [
      { type: 'schedule', id: 'primary' },
      { type: 'channel', id: 'pd' },
    ]),
  );
  policies.set('nights', policy('nights', [{ type: 'user', id: 'alice' }]));
  policies.set(
    'globex',
    policy('globex', [
      { type: 'schedule', id: 'globex-db' },
      { type: 'channel', id: 'globex-slack' },
    ]),
  );
  policies.set('not-acme', policy('not-acme', [{ type: 'user', id: 'carol' }]));
  policies.set('unused', policy('unused', [{ type: 'user', id: 'bob' }]));
  routes.set('root', route('root', null, 'default'));
  routes.set(
    'team',
    route('team', 'root', 'nights', [{ name: 'tenant', type: '=~', value: 'acme|initech' }]),
  );
  routes.set('team-db', route('team-db', 'team', null, [{ name: 'service', type: '=', value: 'db' }]));
  routes.set('globex', route('globex', 'root', 'globex', [{ name: 'tenant', type: '=', value: 'globex' }]));
  routes.set('others', route('others', 'root', 'not-acme', [{ name: 'tenant', type: '!=', value: 'acme' }]));
}

const token = (tenant: string | null, role: Role) =>
  f.issuer.sign({ tenant, roles: [role], sub: `${role}-1` });
const ids = async (path: string, t: string, key: string) => {
  const res = await call('GET', path, t);
  expect(res.status).toBe(200);
  return ((await res.json()) as Record<string, { id: string }[]>)[key]!.map((i) => i.id);
};

beforeEach(seed);

describe('tenant users reading on-call configuration', () => {
  it.each(['tenant_admin', 'sre', 'developer', 'viewer'] as const)(
    "shows an acme %s the policies and schedules acme's routes use, and no other tenant's",
    async (role) => {
      const t = await token('acme', role);
      expect(await ids('/v1/alerting/policies', t, 'policies')).toEqual(['default', 'nights']);
      expect(await ids('/v1/alerting/schedules', t, 'schedules')).toEqual(['primary']);
      expect(await ids('/v1/alerting/channels', t, 'channels')).toEqual(['pd']);
    },
  );

  it('shows globex the policy of its own route and of the route for everyone but acme', async () => {
    const t = await token('globex', 'developer');
    expect(await ids('/v1/alerting/policies', t, 'policies')).toEqual(['default', 'globex', 'not-acme']);
    expect(await ids('/v1/alerting/schedules', t, 'schedules')).toEqual(['primary', 'globex-db']);
  });

  it('names the people on call and paged by name only, with no e-mail or channels, to a tenant viewer', async () => {
    const res = await call('GET', '/v1/alerting/users', await token('acme', 'viewer'));
    const { users } = (await res.json()) as { users: object[] };
    // Participants and override users of acme's schedules, and the users its policies page; carol is globex's.
    expect(users).toEqual(
      ['alice', 'bob', 'dave'].map((id) => expect.objectContaining({ id, email: null, channelIds: [] })),
    );
    expect(JSON.stringify(users)).not.toContain('@example.com');
    const alice = await call('GET', '/v1/alerting/users/alice', await token('acme', 'developer'));
    expect(await alice.json()).toMatchObject({
      id: 'alice',
      name: 'Alice Wong',
      email: null,
      channelIds: [],
    });
  });

  it("strips a channel's settings for a tenant but not for a platform sre", async () => {
    const tenant = await call('GET', '/v1/alerting/channels/pd', await token('acme', 'developer'));
    expect(await tenant.json()).toMatchObject({ id: 'pd', name: 'PagerDuty', type: 'pagerduty', config: {} });
    const platform = await call('GET', '/v1/alerting/channels/pd', await token(null, 'sre'));
    expect(((await platform.json()) as { config: object }).config).toEqual({ routingKey: '••••c0de' });
  });

  it('still shows a platform sre every object with contact details', async () => {
    const t = await token(null, 'sre');
    expect(await ids('/v1/alerting/policies', t, 'policies')).toEqual([
      'default',
      'nights',
      'globex',
      'not-acme',
      'unused',
    ]);
    const { users } = (await (await call('GET', '/v1/alerting/users', t)).json()) as {
      users: { email: string }[];
    };
    expect(users.map((u) => u.email)).toContain('carol@example.com');
  });

  it("answers 404 for a policy, schedule or user acme's routes do not use, as if it did not exist", async () => {
    const t = await token('acme', 'tenant_admin');
    for (const path of [
      '/v1/alerting/policies/globex',
      '/v1/alerting/schedules/globex-db',
      '/v1/alerting/users/carol',
    ])
      expect((await expectProblem(await call('GET', path, t), 404)).detail).toMatch(/^no /);
  });

  it("tells a viewer who is on call on acme's schedule, and answers 404 for globex's without asking alerting", async () => {
    const t = await token('acme', 'viewer');
    const res = await call('GET', '/v1/alerting/schedules/primary/oncall', t);
    expect(res.status).toBe(200);
    expect(f.alerting.engine.lastRequest()).toMatchObject({ tenant: 'acme' });
    f.alerting.engine.requests.length = 0;
    await expectProblem(await call('GET', '/v1/alerting/schedules/globex-db/oncall', t), 404);
    expect(f.alerting.engine.requests.some((r) => r.path.includes('/oncall'))).toBe(false);
  });

  it.each(['tenant_admin', 'sre', 'super_admin'] as const)(
    'refuses an acme %s any change to schedules or policies with 403 before calling alerting',
    async (role) => {
      const t = await token('acme', role);
      const schedule = { name: 'Mine', spec: { timeZone: 'UTC', layers: [layer(['alice'])] } };
      f.alerting.engine.requests.length = 0;
      await expectProblem(await call('POST', '/v1/alerting/schedules', t, schedule), 403);
      await expectProblem(await call('PUT', '/v1/alerting/schedules/primary', t, schedule), 403);
      await expectProblem(await call('DELETE', '/v1/alerting/policies/default', t), 403);
      expect(f.alerting.engine.requests).toHaveLength(0);
    },
  );

  it('refuses an executive and keeps routes platform-only for tenant users', async () => {
    await expectProblem(await call('GET', '/v1/alerting/schedules', await token('acme', 'executive')), 403);
    await expectProblem(await call('GET', '/v1/alerting/routes', await token('acme', 'tenant_admin')), 403);
    await expectProblem(await call('GET', '/v1/alerting/routes', await token('acme', 'sre')), 403);
  });
});
