import pino from 'pino';
import { Registry } from 'prom-client';
import type { Role } from '@sightline/contracts';
import { registeredRoutes, TestIssuer } from '@sightline/testing';
import type { AdminAppOptions } from '../src/admin/createAdminApp';
import { createAdminApp } from '../src/admin/createAdminApp';
import { adminCall } from './support/adminClient';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';

// The authorization matrix of the gateway's admin port: every route createAdminApp registers × every role × own
// tenant, other tenant and a platform token, plus no token and a token from a signer auth never published. The
// admin API is for a platform super_admin only; the internal routes take the internal token and no user token.

interface CellRequest {
  method: string;
  path: string;
  body?: unknown;
  /** The 2xx status of an allowed cell. */
  status: number;
  /** Whose data an allowed answer must show. */
  target?: string;
}

/** aimed makes a row whose own request is about acme and whose other request is about `other` (globex). */
function aimed(
  method: string,
  path: (t: string) => string,
  more: { body?: (t: string) => unknown; status?: number; other?: string; shows?: false } = {},
): { own: CellRequest; other: CellRequest } {
  const one = (t: string): CellRequest => ({
    method,
    path: path(t),
    status: more.status ?? 200,
    ...(more.body === undefined ? {} : { body: more.body(t) }),
    ...(more.shows === false ? {} : { target: t }),
  });
  return { own: one('acme'), other: one(more.other ?? 'globex') };
}

/** same makes a row that sends one request whatever the column: the route takes no tenant. */
function same(
  method: string,
  path: string,
  more: { body?: unknown; status?: number } = {},
): { own: CellRequest; other: CellRequest } {
  const one: CellRequest = { method, path, status: more.status ?? 200, ...more };
  return { own: one, other: one };
}

// Ids the setup below creates, for the routes that remove one thing.
const ADJUSTMENT_ID = '900001';
const ALLOWLIST_ID = '900002';
const A = '/admin/v1';

/** REQUESTS is what each row of MATRIX sends. */
const REQUESTS: Record<string, { own: CellRequest; other: CellRequest }> = {
  'GET /healthz': same('GET', '/healthz'),
  'GET /readyz': same('GET', '/readyz'),
  'GET /metrics': same('GET', '/metrics'),
  'GET /internal/v1/tenants': same('GET', '/internal/v1/tenants'),
  'GET /internal/v1/tenants/:id/limits': aimed('GET', (t) => `/internal/v1/tenants/${t}/limits`),
  [`GET ${A}/tenants`]: same('GET', `${A}/tenants`),
  [`POST ${A}/tenants`]: same('POST', `${A}/tenants`, {
    body: { id: 'umbrella', name: 'Umbrella', tier: 'pro' },
    status: 201,
  }),
  [`GET ${A}/tenants/:tenant`]: aimed('GET', (t) => `${A}/tenants/${t}`),
  [`PATCH ${A}/tenants/:tenant`]: aimed('PATCH', (t) => `${A}/tenants/${t}`, {
    body: () => ({ name: 'Renamed' }),
  }),
  // hooli exists for this row alone, so that the allowed cell deletes a tenant no other row needs.
  [`DELETE ${A}/tenants/:tenant`]: aimed('DELETE', (t) => `${A}/tenants/${t}`, {
    status: 204,
    other: 'hooli',
    shows: false,
  }),
  [`PUT ${A}/tenants/:tenant/shadow`]: aimed('PUT', (t) => `${A}/tenants/${t}/shadow`, {
    body: () => ({ enabled: false }),
  }),
  [`GET ${A}/tenants/:tenant/override`]: aimed('GET', (t) => `${A}/tenants/${t}/override`),
  [`PUT ${A}/tenants/:tenant/override`]: aimed('PUT', (t) => `${A}/tenants/${t}/override`, {
    body: () => ({ perSecond: 100, reason: 'matrix' }),
  }),
  [`DELETE ${A}/tenants/:tenant/override`]: aimed('DELETE', (t) => `${A}/tenants/${t}/override`, {
    status: 204,
    shows: false,
  }),
  [`GET ${A}/tenants/:tenant/limits`]: aimed('GET', (t) => `${A}/tenants/${t}/limits`),
  [`GET ${A}/tiers`]: same('GET', `${A}/tiers`),
  [`GET ${A}/tiers/:tier`]: same('GET', `${A}/tiers/pro`),
  [`PUT ${A}/tiers/:tier`]: same('PUT', `${A}/tiers/pro`, { body: { perSecond: 50, perMinute: 2000 } }),
  [`GET ${A}/adjustments`]: same('GET', `${A}/adjustments`),
  [`POST ${A}/adjustments`]: aimed('POST', () => `${A}/adjustments`, {
    body: (t) => ({ tenantId: t, multiplier: 2, expiresInSeconds: 60, reason: 'matrix' }),
    status: 201,
  }),
  [`DELETE ${A}/adjustments/:id`]: same('DELETE', `${A}/adjustments/${ADJUSTMENT_ID}`, { status: 204 }),
  [`GET ${A}/allowlist`]: same('GET', `${A}/allowlist`),
  [`POST ${A}/allowlist`]: same('POST', `${A}/allowlist`, {
    body: { kind: 'cidr', value: '203.0.113.0/24', reason: 'matrix' },
    status: 201,
  }),
  [`DELETE ${A}/allowlist/:id`]: same('DELETE', `${A}/allowlist/${ALLOWLIST_ID}`, { status: 204 }),
  [`GET ${A}/ip-limits`]: same('GET', `${A}/ip-limits`),
  [`PUT ${A}/ip-limits/:cls`]: same('PUT', `${A}/ip-limits/data`, { body: { perSecond: 5, perMinute: 100 } }),
  [`GET ${A}/audit`]: same('GET', `${A}/audit`),
};

/**
 * MATRIX is the expected outcome of every cell. Columns: the six roles with a token of tenant acme asking about
 * acme (own), the same tokens asking about globex (other), the six roles with a platform token (no tenant) asking
 * about globex, then no token and a token signed by a key auth never published.
 *
 *   ok   allowed: the row's 2xx status, and the answer shows the tenant asked about
 *   4xx  refused with that status as problem+json, and no tenant's data in the body
 */
// prettier-ignore
const MATRIX: [row: string, cells: string][] = [
  //                                               own tenant (acme token)  | other tenant (acme token) | platform token            | none bad
  //                                               SA  SRE TA  DEV EXE VWR  | SA  SRE TA  DEV EXE VWR   | SA  SRE TA  DEV EXE VWR   |
  ['GET /healthz',                                'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['GET /readyz',                                 'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['GET /metrics',                                'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['GET /internal/v1/tenants',                    '401 401 401 401 401 401  | 401 401 401 401 401 401   | 401 401 401 401 401 401   | 401 401'],
  ['GET /internal/v1/tenants/:id/limits',         '401 401 401 401 401 401  | 401 401 401 401 401 401   | 401 401 401 401 401 401   | 401 401'],
  ['GET /admin/v1/tenants',                       '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['POST /admin/v1/tenants',                      '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /admin/v1/tenants/:tenant',               '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['PATCH /admin/v1/tenants/:tenant',             '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['DELETE /admin/v1/tenants/:tenant',            '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['PUT /admin/v1/tenants/:tenant/shadow',        '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /admin/v1/tenants/:tenant/override',      '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['PUT /admin/v1/tenants/:tenant/override',      '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['DELETE /admin/v1/tenants/:tenant/override',   '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /admin/v1/tenants/:tenant/limits',        '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /admin/v1/tiers',                         '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /admin/v1/tiers/:tier',                   '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['PUT /admin/v1/tiers/:tier',                   '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /admin/v1/adjustments',                   '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['POST /admin/v1/adjustments',                  '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['DELETE /admin/v1/adjustments/:id',            '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /admin/v1/allowlist',                     '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['POST /admin/v1/allowlist',                    '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['DELETE /admin/v1/allowlist/:id',              '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /admin/v1/ip-limits',                     '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['PUT /admin/v1/ip-limits/:cls',                '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /admin/v1/audit',                         '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
];

const ROLES: Role[] = ['super_admin', 'sre', 'tenant_admin', 'developer', 'executive', 'viewer'];
const CODES = new Set(['ok', '401', '403', '404']);
const TENANTS = ['acme', 'globex', 'initech', 'hooli', 'umbrella'];
const marks = (t: string) => [`"id":"${t}"`, `"tenant_id":"${t}"`, `"tenantId":"${t}"`];

interface Column {
  name: string;
  token: () => string | undefined;
  request: 'own' | 'other';
}

let h: Harness;
const tokens = new Map<string, string>();
const COLUMNS: Column[] = [
  ...ROLES.map((r): Column => ({
    name: `${r} of acme → acme`,
    token: () => tokens.get(`acme ${r}`),
    request: 'own',
  })),
  ...ROLES.map((r): Column => ({
    name: `${r} of acme → other`,
    token: () => tokens.get(`acme ${r}`),
    request: 'other',
  })),
  ...ROLES.map((r): Column => ({
    name: `platform ${r} → other`,
    token: () => tokens.get(`platform ${r}`),
    request: 'other',
  })),
  { name: 'no token', token: () => undefined, request: 'other' },
  { name: 'token of an unknown signer', token: () => tokens.get('bad signer'), request: 'other' },
];

/** listAdminRoutes builds the admin app as startGateway does; nothing of its context is used until a request. */
function listAdminRoutes(): string[] {
  const unused = {} as never;
  const options: AdminAppOptions = {
    db: unused,
    config: unused,
    trustedProxies: unused,
    jwt: unused,
    internalToken: 'route-listing-token-0123',
    registry: new Registry(),
    logger: pino({ level: 'silent' }),
    ready: () => Promise.resolve(true),
  };
  return registeredRoutes(createAdminApp(options));
}

const routeOf = (row: string) => row.replace(/ \(.*\)$/, '');
const cellsOf = (cells: string) => cells.split('|').flatMap((group) => group.trim().split(/\s+/));

beforeAll(async () => {
  h = await startHarness();
  for (const r of ROLES) {
    tokens.set(`acme ${r}`, await h.issuer.sign({ tenant: 'acme', roles: [r], sub: `acme-${r}` }));
    tokens.set(`platform ${r}`, await h.issuer.sign({ tenant: null, roles: [r], sub: `platform-${r}` }));
  }
  // Same key id as the published key, so the gateway checks the signature rather than looking for another key.
  const stranger = await TestIssuer.create(h.issuer.kid);
  tokens.set('bad signer', await stranger.sign({ tenant: null, roles: ['super_admin'] }));
});

afterAll(async () => {
  await h?.close();
});

// What the allowed cell of some rows acts on: a tenant to delete, overrides, an adjustment, an allowlist entry.
async function setUp(): Promise<void> {
  await h.sql.query(
    `insert into gateway.tenants (id, name, tier, timezone) values ('hooli', 'Hooli', 'free', 'UTC')
     on conflict (id) do nothing`,
  );
  await h.sql.query(
    `insert into gateway.tenant_overrides (tenant_id, per_second, reason) values ('acme', 10, 'matrix'), ('globex', 10, 'matrix')
     on conflict (tenant_id) do nothing`,
  );
  await h.sql.query(
    `insert into gateway.emergency_adjustments (id, tenant_id, multiplier, reason, expires_at, created_by)
     values ($1, 'globex', 2, 'matrix', now() + interval '1 hour', 'matrix') on conflict (id) do nothing`,
    [ADJUSTMENT_ID],
  );
  await h.sql.query(
    `insert into gateway.allowlist (id, kind, value, reason, created_by)
     values ($1, 'user_agent', 'matrix-probe', 'matrix', 'matrix') on conflict (id) do nothing`,
    [ALLOWLIST_ID],
  );
}

async function outcome(req: CellRequest, column: Column): Promise<string> {
  const res = await adminCall(h.gateway.adminPort, column.token(), req.method, req.path, req.body);
  const shows = (t: string) => marks(t).some((m) => res.body.includes(m));
  let code: string;
  if (res.status < 200 || res.status > 299) {
    code = String(res.status);
    if (!String(res.headers['content-type'] ?? '').includes('application/problem+json'))
      code += ' (not problem+json)';
    const leaked = TENANTS.filter(shows);
    if (leaked.length > 0) code += `, leaking ${leaked.join(' and ')}’s data`;
  } else if (res.status !== req.status) {
    code = String(res.status);
  } else {
    code = req.target === undefined || shows(req.target) ? 'ok' : 'ok without the data asked for';
  }
  return code;
}

describe('the gateway admin port’s authorization matrix', () => {
  it('has one table row, and one request, for every route the admin app registers and for no other', () => {
    expect([...new Set(MATRIX.map(([row]) => routeOf(row)))].sort()).toEqual(listAdminRoutes().sort());
    expect(Object.keys(REQUESTS).sort()).toEqual(MATRIX.map(([row]) => row).sort());
    for (const [row, cells] of MATRIX) {
      const codes = cellsOf(cells);
      expect([row, codes.length, codes.filter((c) => !CODES.has(c))]).toEqual([row, COLUMNS.length, []]);
      const [method, pattern] = routeOf(row).split(' ') as [string, string];
      const matcher = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
      for (const req of [REQUESTS[row]!.own, REQUESTS[row]!.other])
        expect([row, req.method, matcher.test(req.path.split('?')[0]!)]).toEqual([row, method, true]);
    }
  });

  it.each(MATRIX)('%s answers every principal as its row says', async (row, cells) => {
    await setUp();
    const expected = cellsOf(cells);
    const mismatches: string[] = [];
    for (const [i, column] of COLUMNS.entries()) {
      const got = await outcome(REQUESTS[row]![column.request], column);
      if (got !== expected[i]) mismatches.push(`${column.name}: expected ${expected[i]}, got ${got}`);
    }
    expect(mismatches).toEqual([]);
  });
});
