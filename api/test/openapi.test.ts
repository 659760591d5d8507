import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../src/openapi/buildOpenApiDocument';
import { startApiWithStubs } from './support/startApiWithStubs';
import type { ApiFixture } from './support/startApiWithStubs';

const GOLDEN = join(__dirname, 'golden', 'openapi.json');

describe('OpenAPI document', () => {
  it('equals the golden file (regenerate with UPDATE_GOLDEN=1)', () => {
    const generated = `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, generated);
    expect(generated).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('documents every public route, the bearer scheme and the shared schemas as components', () => {
    const doc = buildOpenApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual([
      '/v1/alert-groups',
      '/v1/alert-groups/{id}',
      '/v1/alert-groups/{id}/ack',
      '/v1/alert-groups/{id}/resolve',
      '/v1/alerting/audit',
      '/v1/alerting/channels',
      '/v1/alerting/channels/{id}',
      '/v1/alerting/policies',
      '/v1/alerting/policies/{id}',
      '/v1/alerting/routes',
      '/v1/alerting/routes/{id}',
      '/v1/alerting/schedules',
      '/v1/alerting/schedules/{id}',
      '/v1/alerting/schedules/{id}/oncall',
      '/v1/alerting/users',
      '/v1/alerting/users/{id}',
      '/v1/alerts',
      '/v1/auth/login',
      '/v1/auth/logout',
      '/v1/auth/refresh',
      '/v1/logs',
      '/v1/reports',
      '/v1/reports/recipients/{tenant}',
      '/v1/reports/{id}',
      '/v1/reports/{id}/html',
      '/v1/reports/{id}/json',
      '/v1/reports/{id}/pdf',
      '/v1/silences',
      '/v1/silences/{id}',
      '/v1/slo-alerts',
      '/v1/tenants',
      '/v1/tenants/{id}/erasure',
      '/v1/tenants/{id}/incidents',
      '/v1/tenants/{id}/limits',
      '/v1/tenants/{id}/routes',
      '/v1/tenants/{id}/services',
      '/v1/tenants/{id}/sla',
      '/v1/tenants/{id}/sla/history',
      '/v1/tenants/{id}/slos',
      '/v1/tenants/{id}/slos/{slo}/history',
      '/v1/traces/{traceId}',
    ]);
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(
      expect.arrayContaining([
        'SlaSnapshot',
        'Tenant',
        'TraceView',
        'LoginRequest',
        'Problem',
        'SlaUpdateEvent',
        'LogPage',
        'LogView',
        'ServiceList',
        'SlaHistory',
        'TopFailingRoutes',
        'FailingRoute',
        'TenantIncidents',
        'Incident',
        'TenantLimits',
        'TenantErasureRequest',
        'TenantErasureReceipt',
        'TenantSloStatus',
        'SloStatus',
        'SloHistory',
        'SloAlertList',
        'SloAlertEvent',
        'BurnRateAlertRule',
        'Alert',
        'AlertList',
        'AlertGroup',
        'AlertGroupList',
        'AlertGroupDetail',
        'AlertGroupActionResult',
        'LabelMatcher',
        'TimeWindow',
        'Silence',
        'SilenceRequest',
        'SilenceList',
        'ChannelConfig',
        'Channel',
        'ChannelRequest',
        'OnCallUser',
        'Schedule',
        'EscalationPolicy',
        'AlertRoute',
        'AlertRouteRequest',
        'OnCall',
        'AuditLog',
        'Report',
        'ReportList',
        'ReportEnvelope',
        'CreateReportRequest',
        'ReportRecipients',
        'ReportRecipientsRequest',
      ]),
    );
    expect(doc.components?.securitySchemes).toHaveProperty('bearerAuth');
  });

  it('documents the role, tenant and alerting errors of every alert engine operation', () => {
    const doc = buildOpenApiDocument();
    const operations = Object.entries(doc.paths ?? {})
      .filter(([path]) => /^\/v1\/(alert|silences)/.test(path))
      .flatMap(([path, item]) =>
        Object.entries(
          item as Record<string, { responses: Record<string, unknown>; security?: unknown }>,
        ).map(([method, op]) => ({ name: `${method} ${path}`, op })),
      );
    expect(operations).toHaveLength(5 + 5 * 6 + 2);
    for (const { name, op } of operations) {
      expect([name, Object.keys(op.responses)]).toEqual([
        name,
        expect.arrayContaining(['401', '403', '502', '503']),
      ]);
      expect([name, op.security]).toEqual([name, [{ bearerAuth: [] }]]);
    }
  });
});

describe('OpenAPI document of the report routes', () => {
  it('documents the role, tenant and reports-service errors of every report operation', () => {
    const doc = buildOpenApiDocument();
    const operations = Object.entries(doc.paths ?? {})
      .filter(([path]) => path.startsWith('/v1/reports'))
      .flatMap(([path, item]) =>
        Object.entries(
          item as Record<string, { responses: Record<string, unknown>; security?: unknown; tags?: string[] }>,
        ).map(([method, op]) => ({ name: `${method} ${path}`, op })),
      );
    expect(operations).toHaveLength(8);
    for (const { name, op } of operations) {
      expect([name, Object.keys(op.responses)]).toEqual([
        name,
        expect.arrayContaining(['400', '401', '403', '502', '503']),
      ]);
      expect([name, op.security, op.tags]).toEqual([name, [{ bearerAuth: [] }], ['reports']]);
    }
  });

  it('documents the PDF download as a binary attachment and the HTML with its Content-Security-Policy', () => {
    const paths = buildOpenApiDocument().paths as Record<
      string,
      { get: { responses: Record<string, { content?: object; headers?: object }> } }
    >;
    const pdf = paths['/v1/reports/{id}/pdf']!.get.responses['200']!;
    expect(pdf.content).toEqual({ 'application/pdf': { schema: { type: 'string', format: 'binary' } } });
    expect(Object.keys(pdf.headers ?? {})).toEqual(['Content-Disposition']);
    const html = paths['/v1/reports/{id}/html']!.get.responses['200']!;
    expect(Object.keys(html.headers ?? {})).toEqual(['Content-Disposition', 'Content-Security-Policy']);
    expect(paths['/v1/reports/{id}/html']!.get.responses).toHaveProperty('409');
  });
});

describe('served documentation', () => {
  let f: ApiFixture;

  beforeAll(async () => {
    f = await startApiWithStubs();
  });

  afterAll(async () => {
    await f?.close();
  });

  it('serves the same document at /openapi.json without a token', async () => {
    const res = await fetch(`${f.base}/openapi.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('serves a Swagger UI page at /docs that loads /openapi.json', async () => {
    const res = await fetch(`${f.base}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('swagger-ui-bundle.js');
    const init = await (await fetch(`${f.base}/docs/swagger-initializer.js`)).text();
    expect(init).toContain("url: '/openapi.json'");
  });

  it("serves Swagger UI's own assets under /docs", async () => {
    const res = await fetch(`${f.base}/docs/swagger-ui-bundle.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    await res.arrayBuffer();
  });

  it('does not serve files outside the Swagger UI folder', async () => {
    const res = await fetch(`${f.base}/docs/..%2f..%2fpackage.json`);
    expect(res.status).toBe(404);
  });
});
