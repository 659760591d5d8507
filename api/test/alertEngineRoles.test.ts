import type { Role } from '@sightline/contracts';
import { stubAlert, stubGroup } from './support/alertEngineFixtures';
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

const ALL_ROLES: Role[] = ['super_admin', 'sre', 'tenant_admin', 'developer', 'executive', 'viewer'];
const READERS: Role[] = ['super_admin', 'sre', 'tenant_admin', 'developer'];
const RESPONDERS: Role[] = ['super_admin', 'sre', 'tenant_admin'];
const ADMINS: Role[] = ['super_admin', 'sre'];
// Who is on call, and the policies, schedules, users and channels a tenant's routes use: everyone but executives.
const ON_CALL_READERS: Role[] = ['super_admin', 'sre', 'tenant_admin', 'developer', 'viewer'];

const window = { kind: 'once', startsAt: '2026-03-01T12:00:00Z', endsAt: '2026-03-01T13:00:00Z' };
const BODIES: Record<string, object> = {
  silences: { tenant: 'acme', comment: 'deploy', window },
  channels: { name: 'Ops', config: { type: 'slack', webhookUrl: 'https://hooks.slack.test/T0/B0/x' } },
  users: { name: 'Alice', email: 'alice@example.com', channelIds: ['oncall'] },
  schedules: { name: 'Primary', spec: { users: ['alice'] } },
  policies: { name: 'Default', steps: [{ targets: [{ type: 'channel', id: 'oncall' }], waitMinutes: 5 }] },
  routes: { name: 'Team', parentId: 'root', matchers: [{ name: 'team', type: '=', value: 'payments' }] },
};
// The object of each resource that get, replace and delete act on.
const EXISTING: Record<string, string> = {
  silences: 'acme-deploy',
  channels: 'oncall',
  users: 'alice',
  schedules: 'primary',
  policies: 'default',
  routes: 'team',
};

interface RouteCase {
  method: string;
  path: string;
  body?: object;
  roles: Role[];
  /** platformOnly routes refuse a tenant token whatever its role. */
  platformOnly?: boolean;
}

function crud(
  resource: string,
  base: string,
  read: Role[],
  write: Role[],
  platformOnly: boolean,
): RouteCase[] {
  const one = `${base}/${EXISTING[resource]}`;
  return [
    { method: 'GET', path: base, roles: read, platformOnly },
    { method: 'POST', path: base, body: BODIES[resource], roles: write, platformOnly },
    { method: 'GET', path: one, roles: read, platformOnly },
    { method: 'PUT', path: one, body: BODIES[resource], roles: write, platformOnly },
    { method: 'DELETE', path: one, roles: write, platformOnly },
  ];
}

const ROUTES: RouteCase[] = [
  { method: 'GET', path: '/v1/alerts', roles: READERS },
  { method: 'GET', path: '/v1/alert-groups', roles: READERS },
  { method: 'GET', path: '/v1/alert-groups/1', roles: READERS },
  { method: 'POST', path: '/v1/alert-groups/1/ack', roles: RESPONDERS },
  { method: 'POST', path: '/v1/alert-groups/1/resolve', roles: RESPONDERS },
  ...crud('silences', '/v1/silences', READERS, RESPONDERS, false),
  ...(['channels', 'users', 'schedules', 'policies'] as const).flatMap((r) =>
    crud(r, `/v1/alerting/${r}`, ON_CALL_READERS, ADMINS, true).map((c) =>
      c.method === 'GET' ? { ...c, platformOnly: false } : c,
    ),
  ),
  ...crud('routes', '/v1/alerting/routes', ADMINS, ADMINS, true),
  { method: 'GET', path: '/v1/alerting/schedules/primary/oncall', roles: ON_CALL_READERS },
  { method: 'GET', path: '/v1/alerting/audit', roles: RESPONDERS },
];

// Every case starts from the same engine: one firing acme group and one object of each resource.
function seed(): void {
  const e = f.alerting.engine;
  e.reset();
  e.alerts.push(stubAlert('acme'));
  e.groups.push(stubGroup(1, 'acme', [stubAlert('acme')]));
  const at = { updatedAt: '2026-03-01T12:00:00.000Z' };
  e.resources.channels.set('oncall', {
    id: 'oncall',
    name: 'On call',
    type: 'slack',
    config: { type: 'slack' },
    ...at,
  });
  e.resources.users.set('alice', { id: 'alice', name: 'Alice', email: null, channelIds: [], ...at });
  e.resources.schedules.set('primary', { id: 'primary', name: 'Primary', spec: { users: ['alice'] }, ...at });
  // The root route's policy pages every seeded object, so a tenant reads each one too.
  const targets = [
    { type: 'channel', id: 'oncall' },
    { type: 'user', id: 'alice' },
    { type: 'schedule', id: 'primary' },
  ];
  e.resources.policies.set('default', {
    id: 'default',
    name: 'Default',
    repeat: 0,
    steps: [{ targets, waitMinutes: 5 }],
    ...at,
  });
  for (const [id, parentId] of [
    ['root', null],
    ['team', 'root'],
  ] as const)
    e.resources.routes.set(id, {
      id,
      name: id,
      parentId,
      position: 0,
      matchers: [],
      continue: false,
      groupBy: null,
      groupWaitSeconds: null,
      groupIntervalSeconds: null,
      repeatIntervalSeconds: null,
      policyId: parentId === null ? 'default' : null,
      ...at,
    });
  e.resources.silences.set('acme-deploy', {
    id: 'acme-deploy',
    kind: 'maintenance',
    tenant: 'acme',
    matchers: [{ name: 'tenant', type: '=', value: 'acme' }],
    window,
    comment: 'deploy',
    createdBy: 'user-1',
    reminderChannelId: null,
    status: 'active',
    currentOrNext: { start: window.startsAt, end: window.endsAt },
    expiredAt: null,
    createdAt: at.updatedAt,
    updatedAt: at.updatedAt,
  });
}

// super_admin and sre are platform roles and get a platform token; the others are held within tenant acme.
const tokenFor = (role: Role) =>
  f.issuer.sign({ tenant: ADMINS.includes(role) ? null : 'acme', roles: [role] });
const label = (r: RouteCase) => `${r.method} ${r.path}`;

describe.each(ROUTES.map((r) => [label(r), r] as const))('%s', (_name, route) => {
  beforeEach(seed);

  it.each(ALL_ROLES.filter((role) => route.roles.includes(role)))(
    'lets %s through with a 2xx',
    async (role) => {
      const res = await call(route.method, route.path, await tokenFor(role), route.body);
      expect([200, 201, 204]).toContain(res.status);
      await res.arrayBuffer();
    },
  );

  const refused = ALL_ROLES.filter((role) => !route.roles.includes(role));
  if (refused.length > 0)
    it.each(refused)('refuses %s with 403 without calling alerting', async (role) => {
      await expectProblem(await call(route.method, route.path, await tokenFor(role), route.body), 403);
      expect(f.alerting.engine.requests).toHaveLength(0);
    });

  it('refuses a request without a token with 401', async () => {
    await expectProblem(await call(route.method, route.path, undefined, route.body), 401);
  });

  if (route.platformOnly)
    it.each(ADMINS)(
      'refuses a %s token bound to a tenant with 403, as the configuration is platform-wide',
      async (role) => {
        const token = await f.issuer.sign({ tenant: 'acme', roles: [role] });
        await expectProblem(await call(route.method, route.path, token, route.body), 403);
        expect(f.alerting.engine.requests).toHaveLength(0);
      },
    );
});

it('refuses a platform-wide token without a platform role, which sees no tenant, with 403', async () => {
  const developer = await f.issuer.sign({ tenant: null, roles: ['tenant_admin', 'developer'] });
  for (const path of ['/v1/alerts', '/v1/alert-groups', '/v1/silences', '/v1/alerting/audit'])
    await expectProblem(await call('GET', path, developer), 403);
});
