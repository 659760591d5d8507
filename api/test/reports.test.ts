import { freePort } from '@sightline/testing';
import { loadApiConfig } from '../src/config';
import { REPORT_CSP } from '../src/http/reportContentRoute';
import { startApi } from '../src/startApi';
import type { ApiHandle } from '../src/startApi';
import { STUB_CSP, STUB_PDF } from './support/ReportsStub';
import { expectProblem, requestApi } from './support/requestApi';
import { CONSOLE_ORIGIN, INTERNAL_TOKEN, startApiWithStubs } from './support/startApiWithStubs';
import type { ApiFixture } from './support/startApiWithStubs';

let f: ApiFixture;
const call = requestApi(() => f.base);
let sre: string;
let executive: string;
let acmeAdmin: string;
let acmeExecutive: string;
let superAdmin: string;

type Report = { id: number; kind: string; tenantId: string; status: string; requestedBy: string | null };

beforeAll(async () => {
  f = await startApiWithStubs();
  sre = await f.issuer.sign({ tenant: null, roles: ['sre'], sub: 'sre-ops' });
  executive = await f.issuer.sign({ tenant: null, roles: ['executive'], sub: 'ceo@example.com' });
  superAdmin = await f.issuer.sign({ tenant: null, roles: ['super_admin'], sub: 'root' });
  acmeAdmin = await f.issuer.sign({ tenant: 'acme', roles: ['tenant_admin'], sub: 'ada@acme.test' });
  acmeExecutive = await f.issuer.sign({ tenant: 'acme', roles: ['executive'], sub: 'cfo@acme.test' });
});

afterAll(async () => {
  await f?.close();
});

beforeEach(() => f.reports.reset());

/** refusedBeforeReports asserts a 400/413/415 problem with its reason, and that the reports service was not asked. */
async function refusedBeforeReports(res: Response, status: number, reason: RegExp): Promise<void> {
  const body = await expectProblem(res, status);
  expect(body.detail).toMatch(reason);
  expect(f.reports.requests).toEqual([]);
}

describe('GET /v1/reports', () => {
  it("lists every tenant's reports and the executive summary to a platform reader, newest week first", async () => {
    const res = await call('GET', '/v1/reports', executive);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { reports } = (await res.json()) as { reports: Report[] };
    expect(reports.map((r) => [r.id, r.tenantId])).toEqual([
      [4, 'acme'],
      [3, '*'],
      [2, 'globex'],
      [1, 'acme'],
    ]);
    expect(f.reports.lastRequest()?.path).toBe('/internal/v1/reports');
  });

  it("passes a platform reader's filters on as the service reads them", async () => {
    const res = await call('GET', '/v1/reports?tenant=acme,*&kind=tenant&limit=10&before=4', sre);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { reports: Report[] }).reports.map((r) => r.id)).toEqual([1]);
    expect(f.reports.lastRequest()?.path).toBe(
      '/internal/v1/reports?tenant=acme%2C*&kind=tenant&limit=10&before=4',
    );
  });

  it("confines a tenant reader to its own tenant's tenant reports even when it names none", async () => {
    const res = await call('GET', '/v1/reports?limit=5', acmeExecutive);
    expect(((await res.json()) as { reports: Report[] }).reports.map((r) => r.id)).toEqual([4, 1]);
    expect(f.reports.lastRequest()?.path).toBe('/internal/v1/reports?limit=5&tenant=acme&kind=tenant');
  });

  it("drops other tenants' reports and summaries even when the service ignores the filter", async () => {
    f.reports.ignoreFilter = true;
    const res = await call('GET', '/v1/reports', acmeAdmin);
    const { reports } = (await res.json()) as { reports: Report[] };
    expect(reports.map((r) => [r.kind, r.tenantId])).toEqual([
      ['tenant', 'acme'],
      ['tenant', 'acme'],
    ]);
  });

  it.each([
    ['tenant=acme;drop', /^tenant: tenant must be a comma list/],
    ['tenant=ACME', /^tenant: tenant must be a comma list/],
    ['tenant=acme,,globex', /^tenant: tenant must be a comma list/],
    ['tenant=../../etc', /^tenant: tenant must be a comma list/],
    [`tenant=${'a'.repeat(2001)}`, /^tenant: Too big/],
    [
      `tenant=${Array.from({ length: 101 }, (_, i) => `t${i}`).join(',')}`,
      /^tenant: tenant must be a comma list/,
    ],
    ['tenant=acme&tenant=globex', /^tenant: /],
    ['kind=weekly', /^kind: /],
    ['limit=0', /^limit: limit must be 1-200/],
    ['limit=201', /^limit: limit must be 1-200/],
    ['limit=1e2', /^limit: limit must be 1-200/],
    ['before=-1', /^before: report id must be a positive integer/],
    ['before=0x10', /^before: report id must be a positive integer/],
    ['before=2147483648', /^before: report id must be a positive integer/],
    ['order=id', /Unrecognized key/],
    ['tenant[$ne]=acme', /Unrecognized key/],
  ])('refuses ?%s with a 400 that says why, before asking the service', async (query, reason) => {
    await refusedBeforeReports(await call('GET', `/v1/reports?${query}`, sre), 400, reason);
  });

  it.each([
    ['tenant=globex', /only see the reports of tenant acme/],
    ['tenant=acme,globex', /only see the reports of tenant acme/],
    ['tenant=*', /only see the reports of tenant acme/],
    ['kind=executive', /executive summaries cover every tenant/],
  ])('refuses a tenant reader ?%s with a 403', async (query, reason) => {
    const body = await expectProblem(await call('GET', `/v1/reports?${query}`, acmeAdmin), 403);
    expect(body.detail).toMatch(reason);
  });

  it('refuses a token bound to no tenant without a platform role', async () => {
    const admin = await f.issuer.sign({ tenant: null, roles: ['tenant_admin'] });
    const body = await expectProblem(await call('GET', '/v1/reports', admin), 403);
    expect(body.detail).toBe('this token is not bound to a tenant and sees no reports');
  });

  it('answers 502 when the service answers outside its contract', async () => {
    f.reports.brokenBody = true;
    const body = await expectProblem(await call('GET', '/v1/reports', sre), 502);
    expect(body.detail).toBe('reports gave an unexpected answer');
  });
});

describe('POST /v1/reports', () => {
  it('queues a report as the token subject and says where to poll its progress', async () => {
    const res = await call('POST', '/v1/reports', sre, {
      kind: 'tenant',
      tenant: 'globex',
      week: '2026-W45',
    });
    expect(res.status).toBe(202);
    const { report } = (await res.json()) as { report: Report };
    expect(report).toMatchObject({
      kind: 'tenant',
      tenantId: 'globex',
      status: 'queued',
      requestedBy: 'sre-ops',
    });
    expect(res.headers.get('location')).toBe(`/v1/reports/${report.id}`);
    expect(f.reports.lastRequest()).toEqual({
      method: 'POST',
      path: '/internal/v1/reports',
      body: { kind: 'tenant', tenant: 'globex', week: '2026-W45', requestedBy: 'sre-ops' },
    });
  });

  it('answers 200 with the existing report, and 202 when asked to generate it again', async () => {
    const again = await call('POST', '/v1/reports', sre, { kind: 'executive', week: '2026-W46' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { report: Report }).report).toMatchObject({ id: 3, status: 'done' });
    const forced = await call('POST', '/v1/reports', sre, {
      kind: 'executive',
      week: '2026-W46',
      force: true,
    });
    expect(forced.status).toBe(202);
    expect(((await forced.json()) as { report: Report }).report).toMatchObject({ id: 3, status: 'queued' });
    expect(f.reports.lastRequest()?.body).toEqual({
      kind: 'executive',
      week: '2026-W46',
      force: true,
      requestedBy: 'sre-ops',
    });
  });

  it("asks for a tenant reader's own tenant when the body names none", async () => {
    const res = await call('POST', '/v1/reports', acmeExecutive, { kind: 'tenant', week: '2026-W45' });
    expect(res.status).toBe(202);
    expect(f.reports.lastRequest()?.body).toEqual({
      kind: 'tenant',
      tenant: 'acme',
      week: '2026-W45',
      requestedBy: 'cfo@acme.test',
    });
  });

  it('keeps at most 200 characters of a long subject, as the service stores it', async () => {
    const long = await f.issuer.sign({ tenant: null, roles: ['sre'], sub: 'x'.repeat(300) });
    expect((await call('POST', '/v1/reports', long, { kind: 'executive' })).status).toBe(202);
    expect((f.reports.lastRequest()?.body as { requestedBy: string }).requestedBy).toBe('x'.repeat(200));
  });

  it("passes on the service's refusal of a week that has not ended, and of an unknown tenant", async () => {
    const open = await call('POST', '/v1/reports', sre, { kind: 'executive', week: '2026-W48' });
    expect((await expectProblem(open, 400)).detail).toBe(
      'week 2026-W48 has not ended yet in UTC; reports cover complete weeks',
    );
    const unknown = await call('POST', '/v1/reports', sre, { kind: 'tenant', tenant: 'umbrella' });
    expect((await expectProblem(unknown, 404)).detail).toBe('no tenant umbrella');
  });

  it.each([
    ['no tenant for a platform tenant report', { kind: 'tenant' }, /^tenant: required for a tenant report$/],
    [
      'a tenant on an executive summary',
      { kind: 'executive', tenant: 'acme' },
      /^tenant: an executive summary/,
    ],
    ['an unknown kind', { kind: 'monthly' }, /^kind: /],
    ['no kind', {}, /^kind: /],
    ['a week in another format', { kind: 'executive', week: 'W47' }, /^week: week must look like 2026-W47$/],
    ['a week with SQL after it', { kind: 'executive', week: "2026-W47'; DROP TABLE reports;--" }, /^week: /],
    ['an upper-case tenant', { kind: 'tenant', tenant: 'ACME' }, /^tenant: tenant id must be/],
    ['a path as tenant', { kind: 'tenant', tenant: '../globex' }, /^tenant: tenant id must be/],
    ['force as a string', { kind: 'executive', force: 'yes' }, /^force: /],
    ['a requestedBy of its own', { kind: 'executive', requestedBy: 'someone-else' }, /Unrecognized key/],
    [
      'a __proto__ key',
      JSON.parse('{"kind":"executive","__proto__":{"force":true}}') as object,
      /Unrecognized key/,
    ],
    ['an array', [{ kind: 'executive' }], /^body: /],
    ['a bare string', '"executive"', /^malformed JSON body$/],
  ])('refuses %s with a 400 that says why', async (_name, body, reason) => {
    const sent = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await call('POST', '/v1/reports', sre, sent, { 'content-type': 'application/json' });
    await refusedBeforeReports(res, 400, reason);
  });

  it('refuses malformed JSON with a 400', async () => {
    const res = await call('POST', '/v1/reports', sre, '{"kind":', { 'content-type': 'application/json' });
    await refusedBeforeReports(res, 400, /^malformed JSON body$/);
  });

  it('refuses a body over 8 kB with a 413', async () => {
    const res = await call('POST', '/v1/reports', sre, { kind: 'executive', week: 'x'.repeat(9000) });
    await refusedBeforeReports(res, 413, /^request body too large$/);
  });

  it('refuses a body that is not JSON with a 415', async () => {
    const res = await call('POST', '/v1/reports', sre, 'kind=executive', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    await refusedBeforeReports(res, 415, /^send the body as application\/json$/);
  });
});

describe('GET /v1/reports/:id', () => {
  it('returns the entry with its job state', async () => {
    const res = await call('GET', '/v1/reports/4', acmeAdmin);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ report: { id: 4, status: 'running', progress: 45 } });
  });

  it("answers another tenant's report exactly like one that does not exist", async () => {
    const other = await expectProblem(await call('GET', '/v1/reports/2', acmeAdmin), 404);
    const missing = await expectProblem(await call('GET', '/v1/reports/99', acmeAdmin), 404);
    expect(other.detail).toBe('no report 2');
    expect(missing.detail).toBe('no report 99');
  });

  it.each([
    ['0', /^id: report id must be a positive integer$/],
    ['-1', /^id: /],
    ['0x10', /^id: /],
    ['1e3', /^id: /],
    ['1.5', /^id: /],
    ['01', /^id: /],
    ['2147483648', /^id: /],
    ['99999999999999999999', /^id: /],
    ['%2e%2e%2fadmin', /^id: /],
    ['1%00', /^id: /],
    ['1;select', /^id: /],
    ['a'.repeat(5000), /^id: /],
  ])('refuses the id %s with a 400 before asking the service', async (id, reason) => {
    await refusedBeforeReports(await call('GET', `/v1/reports/${id}`, sre), 400, reason);
  });
});

describe('GET /v1/reports/:id/{pdf,html,json}', () => {
  it('streams the PDF byte for byte as an attachment named after the tenant and week', async () => {
    const res = await call('GET', '/v1/reports/1/pdf', acmeExecutive);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sightline-acme-2026-W46.pdf"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(STUB_PDF)).toBe(true);
    expect(f.reports.requests.map((r) => r.path)).toEqual([
      '/internal/v1/reports/1',
      '/internal/v1/reports/1/pdf',
    ]);
  });

  it("lets the console's origin read the file name and the HTML's policy", async () => {
    const res = await call('GET', '/v1/reports/1/html', acmeAdmin, undefined, { origin: CONSOLE_ORIGIN });
    expect(res.headers.get('access-control-allow-origin')).toBe(CONSOLE_ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toBe(
      'content-disposition, content-security-policy, location',
    );
    await res.text();
  });

  it("names the executive summary's PDF after the week alone", async () => {
    const res = await call('GET', '/v1/reports/3/pdf', executive);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="sightline-executive-2026-W46.pdf"',
    );
    await res.arrayBuffer();
  });

  it("serves the HTML with the reports service's Content-Security-Policy", async () => {
    f.reports.csp = `${STUB_CSP}; frame-ancestors 'none'`;
    const res = await call('GET', '/v1/reports/1/html', acmeAdmin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(`${STUB_CSP}; frame-ancestors 'none'`);
    expect(res.headers.get('content-disposition')).toBe('inline; filename="sightline-acme-2026-W46.html"');
    expect(await res.text()).toContain('<h1>Met 3 of 4 objectives; budget 38 % used.</h1>');
  });

  it('still forbids scripts in the HTML when the service sent no policy', async () => {
    f.reports.csp = '';
    const res = await call('GET', '/v1/reports/1/html', acmeAdmin);
    expect(res.headers.get('content-security-policy')).toBe(REPORT_CSP);
    await res.text();
  });

  it("serves the report's figures as JSON", async () => {
    const res = await call('GET', '/v1/reports/1/json', acmeAdmin);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ kind: 'tenant-weekly', tenant: { id: 'acme' } });
  });

  it.each(['pdf', 'html', 'json'])(
    "passes on a 409 with the job's state while the %s is not ready",
    async (format) => {
      const body = await expectProblem(await call('GET', `/v1/reports/4/${format}`, acmeAdmin), 409);
      expect(body.detail).toBe('report 4 is running (computing figures, 45 %): not ready yet');
    },
  );

  it('knows no other format', async () => {
    await expectProblem(await call('GET', '/v1/reports/1/docx', sre), 404);
    expect(f.reports.requests).toEqual([]);
  });

  it.each([
    ['pdf', '0'],
    ['pdf', '0x1'],
    ['html', '..%2F..%2Fadmin'],
    ['html', `${'9'.repeat(3000)}`],
    ['json', '1%20OR%201=1'],
  ])('refuses a %s download of id %s with a 400 before asking the service', async (format, id) => {
    await refusedBeforeReports(await call('GET', `/v1/reports/${id}/${format}`, sre), 400, /^id: /);
  });

  it('answers 502 when the service sends the PDF as something else', async () => {
    f.reports.pdfContentType = 'text/html';
    expect((await expectProblem(await call('GET', '/v1/reports/1/pdf', sre), 502)).detail).toBe(
      'reports gave an unexpected answer',
    );
  });
});

describe('/v1/reports/recipients/:tenant', () => {
  it("lets a tenant_admin read and replace its own tenant's recipients, stored lower-cased", async () => {
    const before = await call('GET', '/v1/reports/recipients/acme', acmeAdmin);
    expect(await before.json()).toEqual({ tenant: 'acme', emails: ['cfo@acme.test'] });
    const res = await call('PUT', '/v1/reports/recipients/acme', acmeAdmin, {
      emails: ['CEO@Acme.test', 'cfo@acme.test', 'ceo@acme.test'],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ tenant: 'acme', emails: ['ceo@acme.test', 'cfo@acme.test'] });
    expect(f.reports.lastRequest()).toEqual({
      method: 'PUT',
      path: '/internal/v1/reports/recipients/acme',
      body: { emails: ['CEO@Acme.test', 'cfo@acme.test', 'ceo@acme.test'] },
    });
  });

  it("lets a super_admin set the executive summary's recipients, and clear them", async () => {
    const set = await call('PUT', '/v1/reports/recipients/*', superAdmin, { emails: ['board@example.com'] });
    expect(await set.json()).toEqual({ tenant: '*', emails: ['board@example.com'] });
    const cleared = await call('PUT', '/v1/reports/recipients/*', superAdmin, { emails: [] });
    expect(await cleared.json()).toEqual({ tenant: '*', emails: [] });
  });

  it.each([
    ['51 addresses', { emails: Array.from({ length: 51 }, (_, i) => `u${i}@acme.test`) }, /^emails: Too big/],
    ['an address without a domain', { emails: ['cfo'] }, /^emails\.0: Invalid email/],
    ['a header injection', { emails: ['cfo@acme.test\r\nBcc: all@evil.test'] }, /^emails\.0: Invalid email/],
    ['an address over 254 characters', { emails: [`${'a'.repeat(250)}@acme.test`] }, /^emails\.0: /],
    ['emails as a string', { emails: 'cfo@acme.test' }, /^emails: /],
    ['no emails', {}, /^emails: /],
    ['an unknown key', { emails: [], cc: ['x@acme.test'] }, /Unrecognized key/],
  ])('refuses %s with a 400 that says why', async (_name, body, reason) => {
    await refusedBeforeReports(
      await call('PUT', '/v1/reports/recipients/acme', acmeAdmin, body),
      400,
      reason,
    );
  });

  it('refuses malformed JSON with a 400, over 32 kB with a 413 and not JSON with a 415', async () => {
    const path = '/v1/reports/recipients/acme';
    const json = { 'content-type': 'application/json' };
    await refusedBeforeReports(
      await call('PUT', path, acmeAdmin, '{"emails":[', json),
      400,
      /^malformed JSON body$/,
    );
    const huge = { emails: Array.from({ length: 40 }, (_, i) => `${'a'.repeat(900)}${i}@acme.test`) };
    await refusedBeforeReports(await call('PUT', path, acmeAdmin, huge), 413, /^request body too large$/);
    await refusedBeforeReports(
      await call('PUT', path, acmeAdmin, 'cfo@acme.test', { 'content-type': 'text/plain' }),
      415,
      /^send the body as application\/json$/,
    );
  });

  it.each(['ACME', '...', '%2e%2e%2fadmin', 'acme%00', 'a'.repeat(64), '**'])(
    'refuses the tenant %s with a 400 before asking the service',
    async (tenant) => {
      await refusedBeforeReports(
        await call('GET', `/v1/reports/recipients/${tenant}`, superAdmin),
        400,
        /^tenant: /,
      );
    },
  );
});

describe('with the reports service unreachable', () => {
  let down: ApiHandle;
  let base: string;

  beforeAll(async () => {
    down = await startApi(
      loadApiConfig(
        {},
        {
          API_PORT: 0,
          AUTH_URL: f.auth.url,
          COLLECTOR_URL: f.collector.url,
          GATEWAY_ADMIN_URL: f.gateway.url,
          ALERTING_URL: f.alerting.url,
          REPORTS_URL: `http://127.0.0.1:${await freePort()}`,
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

  it('stays ready, because the SLA board does not need reports', async () => {
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });

  it.each([
    ['GET', '/v1/reports', undefined],
    ['POST', '/v1/reports', { kind: 'executive' }],
    ['GET', '/v1/reports/1', undefined],
    ['GET', '/v1/reports/1/pdf', undefined],
    ['GET', '/v1/reports/1/html', undefined],
    ['GET', '/v1/reports/recipients/acme', undefined],
    ['PUT', '/v1/reports/recipients/acme', { emails: [] }],
  ])('answers %s %s with a 503 problem that names reports but not its URL', async (method, path, body) => {
    const res = await requestApi(() => base)(method, path, superAdmin, body);
    const problem = await expectProblem(res, 503);
    expect(problem.detail).toBe('reports is unavailable');
    expect(res.headers.get('retry-after')).toBe('5');
  });
});
