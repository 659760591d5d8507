import pino from 'pino';
import { Registry } from 'prom-client';
import {
  aimedRow,
  cellOutcome,
  matrixColumns,
  matrixShapeProblems,
  registeredRoutes,
  rowMismatches,
  sameRow,
  signMatrixTokens,
  tenantMarks,
} from '@sightline/testing';
import type { MatrixColumn, MatrixRequest, MatrixRow, MatrixTable } from '@sightline/testing';
import type { AdminAppOptions } from '../src/admin/createAdminApp';
import { createAdminApp } from '../src/admin/createAdminApp';
import { adminCall } from './support/adminClient';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';

// The authorization matrix of the gateway's admin port: every route createAdminApp registers × every role × own
// tenant, other tenant and a platform token, plus no token and a token from a signer auth never published. The
// admin API is for a platform super_admin only; the internal routes take the internal token and no user token.

// Ids the setup below creates, for the routes that remove one thing.
const ADJUSTMENT_ID = '900001';
const ALLOWLIST_ID = '900002';
const A = '/admin/v1';

/** REQUESTS is what each row of MATRIX sends. */
const REQUESTS: Record<string, MatrixRow> = {
  'GET /healthz': sameRow('GET', '/healthz'),
  'GET /readyz': sameRow('GET', '/readyz'),
  'GET /metrics': sameRow('GET', '/metrics'),
  'GET /internal/v1/tenants': sameRow('GET', '/internal/v1/tenants'),
  'GET /internal/v1/tenants/:id/limits': aimedRow('GET', (t) => `/internal/v1/tenants/${t}/limits`),
  [`GET ${A}/tenants`]: sameRow('GET', `${A}/tenants`),
  [`POST ${A}/tenants`]: sameRow('POST', `${A}/tenants`, {
    body: () => ({ id: 'umbrella', name: 'Umbrella', tier: 'pro' }),
    status: 201,
  }),
  [`GET ${A}/tenants/:tenant`]: aimedRow('GET', (t) => `${A}/tenants/${t}`),
  [`PATCH ${A}/tenants/:tenant`]: aimedRow('PATCH', (t) => `${A}/tenants/${t}`, {
    body: () => ({ name: 'Renamed' }),
  }),
  // hooli exists for this row alone, so that the allowed cell deletes a tenant no other row needs.
  [`DELETE ${A}/tenants/:tenant`]: aimedRow('DELETE', (t) => `${A}/tenants/${t}`, {
    status: 204,
    other: 'hooli',
    shows: false,
  }),
  [`PUT ${A}/tenants/:tenant/shadow`]: aimedRow('PUT', (t) => `${A}/tenants/${t}/shadow`, {
    body: () => ({ enabled: false }),
  }),
  [`GET ${A}/tenants/:tenant/override`]: aimedRow('GET', (t) => `${A}/tenants/${t}/override`),
  [`PUT ${A}/tenants/:tenant/override`]: aimedRow('PUT', (t) => `${A}/tenants/${t}/override`, {
    body: () => ({ perSecond: 100, reason: 'matrix' }),
  }),
  [`DELETE ${A}/tenants/:tenant/override`]: aimedRow('DELETE', (t) => `${A}/tenants/${t}/override`, {
    status: 204,
    shows: false,
  }),
  [`GET ${A}/tenants/:tenant/limits`]: aimedRow('GET', (t) => `${A}/tenants/${t}/limits`),
  [`GET ${A}/tiers`]: sameRow('GET', `${A}/tiers`),
  [`GET ${A}/tiers/:tier`]: sameRow('GET', `${A}/tiers/pro`),
  [`PUT ${A}/tiers/:tier`]: sameRow('PUT', `${A}/tiers/pro`, {
    body: () => ({ perSecond: 50, perMinute: 2000 }),
  }),
  [`GET ${A}/adjustments`]: sameRow('GET', `${A}/adjustments`),
  [`POST ${A}/adjustments`]: aimedRow('POST', () => `${A}/adjustments`, {
    body: (t) => ({ tenantId: t, multiplier: 2, expiresInSeconds: 60, reason: 'matrix' }),
    status: 201,
  }),
  [`DELETE ${A}/adjustments/:id`]: sameRow('DELETE', `${A}/adjustments/${ADJUSTMENT_ID}`, { status: 204 }),
  [`GET ${A}/allowlist`]: sameRow('GET', `${A}/allowlist`),
  [`POST ${A}/allowlist`]: sameRow('POST', `${A}/allowlist`, {
    body: () => ({ kind: 'cidr', value: '203.0.113.0/24', reason: 'matrix' }),
    status: 201,
  }),
  [`DELETE ${A}/allowlist/:id`]: sameRow('DELETE', `${A}/allowlist/${ALLOWLIST_ID}`, { status: 204 }),
  [`GET ${A}/ip-limits`]: sameRow('GET', `${A}/ip-limits`),
  [`PUT ${A}/ip-limits/:cls`]: sameRow('PUT', `${A}/ip-limits/data`, {
    body: () => ({ perSecond: 5, perMinute: 100 }),
  }),
  [`GET ${A}/audit`]: sameRow('GET', `${A}/audit`),
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
const MATRIX: MatrixTable = [
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

const CODES = new Set(['ok', '401', '403', '404']);
const MARKS = tenantMarks(['acme', 'globex', 'initech', 'hooli', 'umbrella'], (t) => [
  `"id":"${t}"`,
  `"tenant_id":"${t}"`,
  `"tenantId":"${t}"`,
]);

let h: Harness;
const tokens = new Map<string, string>();
// The other request is about globex, or hooli on the row that deletes a tenant.
const COLUMNS = matrixColumns(tokens, { otherLabel: 'other' });

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

beforeAll(async () => {
  h = await startHarness();
  await signMatrixTokens(h.issuer, tokens);
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

/** outcome sends a cell's request and names what came back in the table's terms, with any data that leaked. */
async function outcome(req: MatrixRequest, column: MatrixColumn): Promise<string> {
  const res = await adminCall(h.gateway.adminPort, column.token(), req.method, req.path(), req.body?.());
  return cellOutcome(
    { status: res.status, contentType: res.headers['content-type'], text: res.body },
    req,
    MARKS,
  );
}

describe('the gateway admin port’s authorization matrix', () => {
  it('has one table row, and one request, for every route the admin app registers and for no other', () => {
    const routes = listAdminRoutes();
    expect(
      matrixShapeProblems({ table: MATRIX, requests: REQUESTS, routes, codes: CODES, columns: COLUMNS }),
    ).toEqual([]);
  });

  it.each(MATRIX)('%s answers every principal as its row says', async (row, cells) => {
    await setUp();
    const mismatches = await rowMismatches(cells, COLUMNS, (column) =>
      outcome(REQUESTS[row]![column.request], column),
    );
    expect(mismatches).toEqual([]);
  });
});
