import type { Role } from '@sightline/contracts';
import { requestApi } from './support/requestApi';
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

beforeEach(() => f.reports.reset());

// The principals of the matrix, in the order of the table's columns. "Platform" tokens carry no tenant.
const PRINCIPALS: { name: string; tenant: string | null; roles: Role[] }[] = [
  { name: 'super_admin', tenant: null, roles: ['super_admin'] },
  { name: 'sre', tenant: null, roles: ['sre'] },
  { name: 'executive (platform)', tenant: null, roles: ['executive'] },
  { name: 'executive of acme', tenant: 'acme', roles: ['executive'] },
  { name: 'tenant_admin of acme', tenant: 'acme', roles: ['tenant_admin'] },
  { name: 'developer of acme', tenant: 'acme', roles: ['developer'] },
  { name: 'viewer of acme', tenant: 'acme', roles: ['viewer'] },
];

// Seeded by ReportsStub: report 1 is acme's (own), 2 globex's (other), 3 the executive summary; all finished.
// Week 2026-W45 has no report yet, so asking for it queues a new job (202).
const tenantJob = (tenant: string) => ({ kind: 'tenant', tenant, week: '2026-W45' });
const executiveJob = { kind: 'executive', week: '2026-W45' };
const emails = { emails: ['Exec@Example.com'] };

/**
 * MATRIX is the expected status of every report route for every principal, against the principal's own tenant
 * (acme), another tenant (globex) and the executive summary (`*`). Another tenant's report is a 404, not a 403, so
 * a tenant token cannot tell which report ids exist.
 */
// prettier-ignore
const MATRIX: [route: string, target: 'own' | 'other' | 'summary', body: object | undefined, expected: number[]][] = [
  //                                                               super  sre   exec  exec   admin  dev   viewer
  //                                                               admin        plat  acme   acme   acme  acme
  ['GET /v1/reports?tenant=acme',             'own',     undefined, [200,   200,  200,  200,   200,   403,  403]],
  ['GET /v1/reports?tenant=globex',           'other',   undefined, [200,   200,  200,  403,   403,   403,  403]],
  ['GET /v1/reports?kind=executive',          'summary', undefined, [200,   200,  200,  403,   403,   403,  403]],
  ['POST /v1/reports',                        'own', tenantJob('acme'),   [202, 202, 202, 202, 202,   403,  403]],
  ['POST /v1/reports',                        'other', tenantJob('globex'), [202, 202, 202, 403, 403, 403,  403]],
  ['POST /v1/reports',                        'summary', executiveJob, [202,    202,  202,  403,   403,   403,  403]],
  ['GET /v1/reports/1',                       'own',     undefined, [200,   200,  200,  200,   200,   403,  403]],
  ['GET /v1/reports/2',                       'other',   undefined, [200,   200,  200,  404,   404,   403,  403]],
  ['GET /v1/reports/3',                       'summary', undefined, [200,   200,  200,  404,   404,   403,  403]],
  ['GET /v1/reports/1/pdf',                   'own',     undefined, [200,   200,  200,  200,   200,   403,  403]],
  ['GET /v1/reports/2/pdf',                   'other',   undefined, [200,   200,  200,  404,   404,   403,  403]],
  ['GET /v1/reports/3/pdf',                   'summary', undefined, [200,   200,  200,  404,   404,   403,  403]],
  ['GET /v1/reports/1/html',                  'own',     undefined, [200,   200,  200,  200,   200,   403,  403]],
  ['GET /v1/reports/2/html',                  'other',   undefined, [200,   200,  200,  404,   404,   403,  403]],
  ['GET /v1/reports/3/html',                  'summary', undefined, [200,   200,  200,  404,   404,   403,  403]],
  ['GET /v1/reports/1/json',                  'own',     undefined, [200,   200,  200,  200,   200,   403,  403]],
  ['GET /v1/reports/2/json',                  'other',   undefined, [200,   200,  200,  404,   404,   403,  403]],
  ['GET /v1/reports/3/json',                  'summary', undefined, [200,   200,  200,  404,   404,   403,  403]],
  ['GET /v1/reports/recipients/acme',         'own',     undefined, [200,   403,  403,  403,   200,   403,  403]],
  ['GET /v1/reports/recipients/globex',       'other',   undefined, [200,   403,  403,  403,   403,   403,  403]],
  ['GET /v1/reports/recipients/*',            'summary', undefined, [200,   403,  403,  403,   403,   403,  403]],
  ['PUT /v1/reports/recipients/acme',         'own',     emails,    [200,   403,  403,  403,   200,   403,  403]],
  ['PUT /v1/reports/recipients/globex',       'other',   emails,    [200,   403,  403,  403,   403,   403,  403]],
  ['PUT /v1/reports/recipients/*',            'summary', emails,    [200,   403,  403,  403,   403,   403,  403]],
];

const CASES = MATRIX.flatMap(([route, target, body, expected]) =>
  PRINCIPALS.map((p, i) => ({ route, target, body, principal: p, status: expected[i]! })),
);

describe('report routes × roles × tenant', () => {
  it('has one expected outcome per principal in every row of the table', () => {
    for (const [route, , , expected] of MATRIX)
      expect([route, expected.length]).toEqual([route, PRINCIPALS.length]);
  });

  it.each(CASES.map((c) => [c.route, c.target, c.principal.name, c.status, c] as const))(
    '%s (%s) as %s answers %i',
    async (route, _target, _name, status, c) => {
      const [method, path] = route.split(' ') as [string, string];
      const token = await f.issuer.sign({
        tenant: c.principal.tenant,
        roles: c.principal.roles,
        sub: 'u-matrix',
      });
      const res = await call(method, path, token, c.body);
      const text = await res.text();
      expect([route, c.principal.name, res.status]).toEqual([route, c.principal.name, status]);
      if (status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
      if (status === 403)
        // Refused on role or tenant before anything is asked of the reports service.
        expect(f.reports.requests).toEqual([]);
      if (status === 404) {
        // Fetch-then-check: only the entry was read, never the content, and the answer reads like a missing report.
        expect(f.reports.requests.map((r) => r.path)).toEqual([
          path.replace('/v1', '/internal/v1').replace(/\/(pdf|html|json)$/, ''),
        ]);
        expect(JSON.parse(text).detail).toBe(`no report ${path.split('/')[3]}`);
      }
      expect(f.reports.refusals).toEqual([]);
    },
  );
});
