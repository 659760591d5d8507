import {
  aimedRow,
  cellOutcome,
  matrixColumns,
  matrixShapeProblems,
  rowMismatches,
  sameRow,
  signMatrixTokens,
} from '@sightline/testing';
import type { MatrixColumn, MatrixRequest, MatrixRow, MatrixTable } from '@sightline/testing';
import { buildOpenApiDocument } from '../src/openapi/buildOpenApiDocument';
import { listApiRoutes } from './support/listApiRoutes';
import { requestApi } from './support/requestApi';
import { MARKS, SILENCE_WINDOW, TRACE_IDS, seedAuthorizationMatrix } from './support/seedAuthorizationMatrix';
import { startApiWithStubs } from './support/startApiWithStubs';
import type { ApiFixture } from './support/startApiWithStubs';

// The authorization matrix of the public api: every route it registers × every role × own tenant, other tenant
// and a platform token, plus no token and a token from a signer auth never published. MATRIX below is the
// expected outcome of each cell; REQUESTS says what each row sends. A route added to the app without a row here
// fails the first test.

// A row's target is whose data an allowed answer must show: 'acme' or 'globex' (aimedRow), '*' for the executive
// summary, or 'caller', the token's own tenant and globex for a platform token (it sees other tenants too).
type Owned = 'acme' | 'globex';
const NO_TENANT_DATA = { shows: false } as const;

const id = (t: Owned) => (t === 'acme' ? 1 : 2);
const silenceBody = (t: Owned) => ({
  tenant: t,
  comment: `${t}-private maintenance`,
  window: SILENCE_WINDOW,
});
// The alert engine's configuration: each tenant has its own channel, person, schedule, policy and route (seeded).
const CONFIG: Record<string, { id: (t: Owned) => string; body: object; tenantReadable: boolean }> = {
  channels: {
    id: (t) => `${t}-pager`,
    body: { name: 'Ops', config: { type: 'slack', webhookUrl: 'https://hooks.slack.test/T0/B0/x' } },
    tenantReadable: true,
  },
  users: {
    id: (t) => (t === 'acme' ? 'alice' : 'gus'),
    body: { name: 'Alice', email: 'alice@example.com', channelIds: ['acme-pager'] },
    tenantReadable: true,
  },
  schedules: {
    id: (t) => `${t}-primary`,
    body: { name: 'Primary', spec: { users: ['alice'] } },
    tenantReadable: true,
  },
  policies: {
    id: (t) => `${t}-policy`,
    body: { name: 'Default', steps: [{ targets: [{ type: 'channel', id: 'acme-pager' }], waitMinutes: 5 }] },
    tenantReadable: true,
  },
  routes: {
    id: (t) => `${t}-route`,
    body: { name: 'Team', parentId: 'root', matchers: [{ name: 'team', type: '=', value: 'payments' }] },
    tenantReadable: false,
  },
};

/** REQUESTS is what each row of MATRIX sends; a row's name is its route, then an optional variant in brackets. */
const REQUESTS: Record<string, MatrixRow> = {
  'GET /healthz': sameRow('GET', '/healthz'),
  'GET /readyz': sameRow('GET', '/readyz'),
  'GET /metrics': sameRow('GET', '/metrics'),
  'GET /openapi.json': sameRow('GET', '/openapi.json'),
  'GET /docs': sameRow('GET', '/docs'),
  'GET /docs/': sameRow('GET', '/docs/'),
  'GET /docs/index.html': sameRow('GET', '/docs/index.html'),
  'GET /docs/swagger-initializer.js': sameRow('GET', '/docs/swagger-initializer.js'),
  'POST /v1/auth/login': sameRow('POST', '/v1/auth/login', {
    body: () => ({ email: 'dev@acme.test', password: 'right password' }),
  }),
  'POST /v1/auth/refresh': sameRow('POST', '/v1/auth/refresh', {
    body: () => ({ refreshToken: 'good-refresh' }),
  }),
  'POST /v1/auth/logout': sameRow('POST', '/v1/auth/logout', {
    body: () => ({ refreshToken: 'r' }),
    status: 204,
  }),
  'GET /v1/tenants': sameRow('GET', '/v1/tenants', { target: 'caller' }),
  'GET /v1/tenants/:id/sla': aimedRow('GET', (t) => `/v1/tenants/${t}/sla`),
  'GET /v1/tenants/:id/sla/history': aimedRow('GET', (t) => `/v1/tenants/${t}/sla/history`),
  'GET /v1/tenants/:id/slos': aimedRow('GET', (t) => `/v1/tenants/${t}/slos`),
  'GET /v1/tenants/:id/slos/:slo/history': aimedRow(
    'GET',
    (t) => `/v1/tenants/${t}/slos/availability/history`,
  ),
  'GET /v1/tenants/:id/services': aimedRow('GET', (t) => `/v1/tenants/${t}/services`),
  'GET /v1/tenants/:id/routes': aimedRow('GET', (t) => `/v1/tenants/${t}/routes`),
  'GET /v1/tenants/:id/incidents': aimedRow('GET', (t) => `/v1/tenants/${t}/incidents`),
  'GET /v1/tenants/:id/limits': aimedRow('GET', (t) => `/v1/tenants/${t}/limits`),
  // Erasure deletes for good: the allowed cell names another tenant in confirm, so its 400 shows it passed every
  // role and tenant check while nothing is erased.
  'POST /v1/tenants/:id/erasure': aimedRow('POST', (t) => `/v1/tenants/${t}/erasure`, {
    body: () => ({ confirm: 'initech' }),
    ...NO_TENANT_DATA,
  }),
  'GET /v1/slo-alerts': aimedRow('GET', (t) => `/v1/slo-alerts?tenant=${t}`),
  'GET /v1/logs': aimedRow('GET', (t) => `/v1/logs?tenant=${t}`),
  'GET /v1/traces/:traceId': aimedRow('GET', (t) => `/v1/traces/${TRACE_IDS[t]}`),
  'GET /v1/alerts': aimedRow('GET', (t) => `/v1/alerts?tenant=${t}`),
  'GET /v1/alert-groups': aimedRow('GET', (t) => `/v1/alert-groups?tenant=${t}`),
  'GET /v1/alert-groups/:id': aimedRow('GET', (t) => `/v1/alert-groups/${id(t)}`),
  'POST /v1/alert-groups/:id/ack': aimedRow('POST', (t) => `/v1/alert-groups/${id(t)}/ack`),
  'POST /v1/alert-groups/:id/resolve': aimedRow('POST', (t) => `/v1/alert-groups/${id(t)}/resolve`),
  'GET /v1/silences': sameRow('GET', '/v1/silences', { target: 'caller' }),
  'POST /v1/silences': aimedRow('POST', () => '/v1/silences', { body: silenceBody, status: 201 }),
  'GET /v1/silences/:id': aimedRow('GET', (t) => `/v1/silences/${t}-deploy`),
  'PUT /v1/silences/:id': aimedRow('PUT', (t) => `/v1/silences/${t}-deploy`, { body: silenceBody }),
  'PUT /v1/silences/:id (body names no tenant)': aimedRow('PUT', (t) => `/v1/silences/${t}-deploy`, {
    body: () => ({ service: 'checkout', comment: 'maintenance', window: SILENCE_WINDOW }),
    ...NO_TENANT_DATA,
  }),
  'DELETE /v1/silences/:id': aimedRow('DELETE', (t) => `/v1/silences/${t}-deploy`, {
    status: 204,
    ...NO_TENANT_DATA,
  }),
  'GET /v1/alerting/schedules/:id/oncall': aimedRow(
    'GET',
    (t) => `/v1/alerting/schedules/${t}-primary/oncall`,
    NO_TENANT_DATA,
  ),
  'GET /v1/alerting/audit': sameRow('GET', '/v1/alerting/audit', { target: 'caller' }),
  ...Object.fromEntries(
    Object.entries(CONFIG).flatMap(([resource, { id: one, body, tenantReadable }]) => {
      const base = `/v1/alerting/${resource}`;
      const shows = tenantReadable ? {} : NO_TENANT_DATA;
      return [
        [`GET ${base}`, sameRow('GET', base, tenantReadable ? { target: 'caller' } : {})],
        [`GET ${base}/:id`, aimedRow('GET', (t) => `${base}/${one(t)}`, shows)],
        [`POST ${base}`, sameRow('POST', base, { body: () => body, status: 201 })],
        [`PUT ${base}/:id`, sameRow('PUT', `${base}/${one('acme')}`, { body: () => body })],
        [`DELETE ${base}/:id`, sameRow('DELETE', `${base}/${one('acme')}`, { status: 204 })],
      ];
    }),
  ),
  'GET /v1/reports': aimedRow('GET', (t) => `/v1/reports?tenant=${t}`),
  'GET /v1/reports (executive summaries)': sameRow('GET', '/v1/reports?kind=executive', { target: '*' }),
  'POST /v1/reports': aimedRow('POST', () => '/v1/reports', {
    body: (t) => ({ kind: 'tenant', tenant: t, week: '2026-W45' }),
    status: 202,
  }),
  'POST /v1/reports (executive summary)': sameRow('POST', '/v1/reports', {
    body: () => ({ kind: 'executive', week: '2026-W45' }),
    status: 202,
    target: '*',
  }),
  'GET /v1/reports/recipients/:tenant': aimedRow('GET', (t) => `/v1/reports/recipients/${t}`),
  'GET /v1/reports/recipients/:tenant (executive summary)': sameRow('GET', '/v1/reports/recipients/*', {
    target: '*',
  }),
  'PUT /v1/reports/recipients/:tenant': aimedRow('PUT', (t) => `/v1/reports/recipients/${t}`, {
    body: () => ({ emails: ['ops@example.com'] }),
  }),
  'PUT /v1/reports/recipients/:tenant (executive summary)': sameRow('PUT', '/v1/reports/recipients/*', {
    body: () => ({ emails: ['ops@example.com'] }),
    target: '*',
  }),
  'GET /v1/reports/:id': aimedRow('GET', (t) => `/v1/reports/${id(t)}`),
  'GET /v1/reports/:id (executive summary)': sameRow('GET', '/v1/reports/3', { target: '*' }),
  'GET /v1/reports/:id/html': aimedRow('GET', (t) => `/v1/reports/${id(t)}/html`),
  'GET /v1/reports/:id/html (executive summary)': sameRow('GET', '/v1/reports/3/html', { target: '*' }),
  // A PDF is binary: whose it is shows in nothing the test can read, so only the status is checked.
  'GET /v1/reports/:id/pdf': aimedRow('GET', (t) => `/v1/reports/${id(t)}/pdf`, NO_TENANT_DATA),
  'GET /v1/reports/:id/pdf (executive summary)': sameRow('GET', '/v1/reports/3/pdf'),
  'GET /v1/reports/:id/json': aimedRow('GET', (t) => `/v1/reports/${id(t)}/json`),
  'GET /v1/reports/:id/json (executive summary)': sameRow('GET', '/v1/reports/3/json', { target: '*' }),
};

/**
 * MATRIX is the expected outcome of every cell. Columns: the six roles with a token of tenant acme asking for acme's
 * data (own), the same tokens asking for globex's (other), the six roles with a platform token (no tenant) asking for
 * globex's, then no token and a token signed by a key auth never published.
 *
 *   ok   allowed: the row's 2xx status, and the answer shows the data asked for (its owner's marks)
 *   nil  allowed, but the answer holds no tenant's data (a list filtered down to nothing)
 *   4xx  refused with that status as problem+json, and nothing of any tenant's data in the body
 *
 * Whatever the cell, a token of acme never receives anything of globex or of the executive summary.
 */
// prettier-ignore
const MATRIX: MatrixTable = [
  //                                                          own tenant (acme token)  | other tenant (acme token) | platform token            | none bad
  //                                                          SA  SRE TA  DEV EXE VWR  | SA  SRE TA  DEV EXE VWR   | SA  SRE TA  DEV EXE VWR   |
  ['GET /healthz',                                           'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['GET /readyz',                                            'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['GET /metrics',                                           'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['GET /openapi.json',                                      'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['GET /docs',                                              'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['GET /docs/',                                             'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['GET /docs/index.html',                                   'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['GET /docs/swagger-initializer.js',                       'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['POST /v1/auth/login',                                    'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['POST /v1/auth/refresh',                                  'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['POST /v1/auth/logout',                                   'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  ok  ok  ok  ok    | ok  ok '],
  ['GET /v1/tenants',                                        'ok  ok  ok  ok  ok  ok   | ok  ok  ok  ok  ok  ok    | ok  ok  nil nil nil nil   | 401 401'],
  ['GET /v1/tenants/:id/sla',                                'ok  ok  ok  ok  ok  ok   | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/tenants/:id/sla/history',                        'ok  ok  ok  ok  ok  ok   | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/tenants/:id/slos',                               'ok  ok  ok  ok  ok  ok   | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/tenants/:id/slos/:slo/history',                  'ok  ok  ok  ok  ok  ok   | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/tenants/:id/services',                           'ok  ok  ok  ok  ok  ok   | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/tenants/:id/routes',                             'ok  ok  ok  ok  ok  ok   | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/tenants/:id/incidents',                          'ok  ok  ok  ok  ok  ok   | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/tenants/:id/limits',                             'ok  ok  ok  ok  ok  ok   | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['POST /v1/tenants/:id/erasure',                          '403 403 403 403 403 403  | 403 403 403 403 403 403   | 400 403 403 403 403 403   | 401 401'],
  ['GET /v1/slo-alerts',                                     'ok  ok  ok  ok  403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/logs',                                           'ok  ok  ok  ok  403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/traces/:traceId',                                'ok  ok  ok  ok  403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alerts',                                         'ok  ok  ok  ok  403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alert-groups',                                   'ok  ok  ok  ok  403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alert-groups/:id',                               'ok  ok  ok  ok  403 403  | 404 404 404 404 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['POST /v1/alert-groups/:id/ack',                          'ok  ok  ok  403 403 403  | 404 404 404 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['POST /v1/alert-groups/:id/resolve',                      'ok  ok  ok  403 403 403  | 404 404 404 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/silences',                                       'ok  ok  ok  ok  403 403  | ok  ok  ok  ok  403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['POST /v1/silences',                                      'ok  ok  ok  403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/silences/:id',                                   'ok  ok  ok  ok  403 403  | 404 404 404 404 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['PUT /v1/silences/:id',                                   'ok  ok  ok  403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['PUT /v1/silences/:id (body names no tenant)',            'ok  ok  ok  403 403 403  | 404 404 404 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['DELETE /v1/silences/:id',                                'ok  ok  ok  403 403 403  | 404 404 404 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alerting/schedules/:id/oncall',                  'ok  ok  ok  ok  403 ok   | 404 404 404 404 403 404   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alerting/audit',                                 'ok  ok  ok  403 403 403  | ok  ok  ok  403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alerting/channels',                              'ok  ok  ok  ok  403 ok   | ok  ok  ok  ok  403 ok    | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alerting/channels/:id',                          'ok  ok  ok  ok  403 ok   | 404 404 404 404 403 404   | ok  ok  403 403 403 403   | 401 401'],
  ['POST /v1/alerting/channels',                             '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['PUT /v1/alerting/channels/:id',                          '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['DELETE /v1/alerting/channels/:id',                       '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alerting/users',                                 'ok  ok  ok  ok  403 ok   | ok  ok  ok  ok  403 ok    | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alerting/users/:id',                             'ok  ok  ok  ok  403 ok   | 404 404 404 404 403 404   | ok  ok  403 403 403 403   | 401 401'],
  ['POST /v1/alerting/users',                                '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['PUT /v1/alerting/users/:id',                             '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['DELETE /v1/alerting/users/:id',                          '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alerting/schedules',                             'ok  ok  ok  ok  403 ok   | ok  ok  ok  ok  403 ok    | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alerting/schedules/:id',                         'ok  ok  ok  ok  403 ok   | 404 404 404 404 403 404   | ok  ok  403 403 403 403   | 401 401'],
  ['POST /v1/alerting/schedules',                            '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['PUT /v1/alerting/schedules/:id',                         '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['DELETE /v1/alerting/schedules/:id',                      '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alerting/policies',                              'ok  ok  ok  ok  403 ok   | ok  ok  ok  ok  403 ok    | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alerting/policies/:id',                          'ok  ok  ok  ok  403 ok   | 404 404 404 404 403 404   | ok  ok  403 403 403 403   | 401 401'],
  ['POST /v1/alerting/policies',                             '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['PUT /v1/alerting/policies/:id',                          '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['DELETE /v1/alerting/policies/:id',                       '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alerting/routes',                                '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/alerting/routes/:id',                            '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['POST /v1/alerting/routes',                               '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['PUT /v1/alerting/routes/:id',                            '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['DELETE /v1/alerting/routes/:id',                         '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 403 403   | 401 401'],
  ['GET /v1/reports',                                        'ok  ok  ok  403 ok  403  | 403 403 403 403 403 403   | ok  ok  403 403 ok  403   | 401 401'],
  ['GET /v1/reports (executive summaries)',                  '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 ok  403   | 401 401'],
  ['POST /v1/reports',                                       'ok  ok  ok  403 ok  403  | 403 403 403 403 403 403   | ok  ok  403 403 ok  403   | 401 401'],
  ['POST /v1/reports (executive summary)',                   '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  ok  403 403 ok  403   | 401 401'],
  ['GET /v1/reports/recipients/:tenant',                     '403 403 ok  403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /v1/reports/recipients/:tenant (executive summary)', '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['PUT /v1/reports/recipients/:tenant',                     '403 403 ok  403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['PUT /v1/reports/recipients/:tenant (executive summary)', '403 403 403 403 403 403  | 403 403 403 403 403 403   | ok  403 403 403 403 403   | 401 401'],
  ['GET /v1/reports/:id',                                    'ok  ok  ok  403 ok  403  | 404 404 404 403 404 403   | ok  ok  403 403 ok  403   | 401 401'],
  ['GET /v1/reports/:id (executive summary)',                '404 404 404 403 404 403  | 404 404 404 403 404 403   | ok  ok  403 403 ok  403   | 401 401'],
  ['GET /v1/reports/:id/html',                               'ok  ok  ok  403 ok  403  | 404 404 404 403 404 403   | ok  ok  403 403 ok  403   | 401 401'],
  ['GET /v1/reports/:id/html (executive summary)',           '404 404 404 403 404 403  | 404 404 404 403 404 403   | ok  ok  403 403 ok  403   | 401 401'],
  ['GET /v1/reports/:id/pdf',                                'ok  ok  ok  403 ok  403  | 404 404 404 403 404 403   | ok  ok  403 403 ok  403   | 401 401'],
  ['GET /v1/reports/:id/pdf (executive summary)',            '404 404 404 403 404 403  | 404 404 404 403 404 403   | ok  ok  403 403 ok  403   | 401 401'],
  ['GET /v1/reports/:id/json',                               'ok  ok  ok  403 ok  403  | 404 404 404 403 404 403   | ok  ok  403 403 ok  403   | 401 401'],
  ['GET /v1/reports/:id/json (executive summary)',           '404 404 404 403 404 403  | 404 404 404 403 404 403   | ok  ok  403 403 ok  403   | 401 401'],
];

const CODES = new Set(['ok', 'nil', '400', '401', '403', '404']);

let f: ApiFixture;
let resetWritable: () => void;
const tokens = new Map<string, string>();
const call = requestApi(() => f.base);
const COLUMNS = matrixColumns(tokens);

beforeAll(async () => {
  f = await startApiWithStubs();
  ({ resetWritable } = seedAuthorizationMatrix(f));
  await signMatrixTokens(f.issuer, tokens);
});

afterAll(async () => {
  await f?.close();
});

/** outcome sends a cell's request and names what came back in the table's terms, with any data that leaked. */
async function outcome(req: MatrixRequest, column: MatrixColumn): Promise<string> {
  const res = await call(req.method, req.path(), column.token(), req.body?.());
  const target = req.target === 'caller' ? (column.tenant ?? 'globex') : req.target;
  const answer = { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
  // An acme token's answer may show acme's data alone, whatever the cell.
  return cellOutcome(answer, { ...req, target }, MARKS, column.tenant);
}

describe('the api’s authorization matrix', () => {
  it('has one table row, and one request, for every route the api registers and for no other', () => {
    const routes = listApiRoutes();
    expect(
      matrixShapeProblems({ table: MATRIX, requests: REQUESTS, routes, codes: CODES, columns: COLUMNS }),
    ).toEqual([]);
  });

  it('documents every /v1 route it registers in the OpenAPI document, and no route it does not serve', () => {
    const documented = Object.entries(buildOpenApiDocument().paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item ?? {})
        .filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k))
        .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const served = listApiRoutes().filter((r) => r.split(' ')[1]!.startsWith('/v1/'));
    expect(documented.sort()).toEqual(served.sort());
  });

  it.each(MATRIX)(
    '%s answers every principal as its row says, reads also when the backends ignore the tenant given',
    async (row, cells) => {
      const mismatches: string[] = [];
      // The careless backends differ only in what they read back, so writes run against correct ones alone.
      const modes = row.startsWith('GET /v1/') ? [false, true] : [false];
      for (const hostile of modes) {
        const found = await rowMismatches(cells, COLUMNS, (column) => {
          resetWritable();
          // A collector, alerting or reports that ignored the tenant filter must not open anything up either.
          f.collector.leakOtherTenants = hostile;
          f.alerting.engine.ignoreTenantHeader = hostile;
          f.reports.ignoreFilter = hostile;
          return outcome(REQUESTS[row]![column.request], column);
        });
        mismatches.push(...found.map((m) => `${hostile ? 'careless' : 'correct'} backends, ${m}`));
      }
      expect(mismatches).toEqual([]);
    },
  );
});
