import type { LogView } from '@sightline/contracts';
import { stubCursor } from './support/CollectorStub';
import { startApiWithStubs } from './support/startApiWithStubs';
import type { ApiFixture } from './support/startApiWithStubs';

let f: ApiFixture;
let superAdmin: string;
let platformSre: string;
let acmeDeveloper: string;
let acmeTenantAdmin: string;
let acmeViewer: string;
let acmeExecutive: string;

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

function log(id: number, tenantId: string, body: string, extra: Partial<LogView> = {}): LogView {
  return {
    id: String(id),
    time: new Date(Date.UTC(2026, 2, 1, 12, 0, id)).toISOString(),
    tenantId,
    service: 'gateway',
    severityText: 'INFO',
    severityNumber: 9,
    body,
    traceId: null,
    spanId: null,
    attributes: {},
    ...extra,
  };
}

beforeAll(async () => {
  f = await startApiWithStubs();
  superAdmin = await f.issuer.sign({ tenant: null, roles: ['super_admin'] });
  platformSre = await f.issuer.sign({ tenant: null, roles: ['sre'] });
  acmeDeveloper = await f.issuer.sign({ tenant: 'acme', roles: ['developer'] });
  acmeTenantAdmin = await f.issuer.sign({ tenant: 'acme', roles: ['tenant_admin'] });
  acmeViewer = await f.issuer.sign({ tenant: 'acme', roles: ['viewer'] });
  acmeExecutive = await f.issuer.sign({ tenant: 'acme', roles: ['executive'] });
  f.collector.addLogs([
    log(1, 'acme', 'order 17 accepted'),
    log(2, 'acme', 'upstream timed out', { traceId: TRACE, spanId: '00f067aa0ba902b7', severityNumber: 17 }),
    log(3, 'acme', "name = '' OR 1=1; DROP TABLE collector.logs; --", { service: 'auth' }),
    log(4, 'acme', 'order 18 accepted'),
    log(5, 'globex', 'globex secret order'),
  ]);
  f.collector.setServices('acme', [
    { service: 'auth', lastSeen: '2026-03-01T12:00:03.000000Z' },
    { service: 'gateway', lastSeen: '2026-03-01T12:00:04.000000Z' },
  ]);
});

afterAll(async () => {
  await f?.close();
});

function get(path: string, token?: string): Promise<Response> {
  return fetch(`${f.base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function expectProblem(res: Response, status: number): Promise<{ detail?: string }> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return (await res.json()) as { detail?: string };
}

async function page(res: Response): Promise<{ logs: LogView[]; nextCursor: string | null }> {
  expect(res.status).toBe(200);
  return (await res.json()) as { logs: LogView[]; nextCursor: string | null };
}

describe('GET /v1/logs', () => {
  it("searches a tenant developer's own tenant when no tenant is named, newest first", async () => {
    const body = await page(await get('/v1/logs', acmeDeveloper));
    expect(body.logs.map((l) => l.id)).toEqual(['4', '3', '2', '1']);
    expect(f.collector.logRequests.at(-1)).toBe('?tenant=acme');
  });

  it('lets a tenant_admin search with every filter, passing each one to the collector', async () => {
    const query =
      `tenant=acme&service=gateway&severity=warn&q=timed&from=2026-03-01T11:00:00Z` +
      `&to=2026-03-01T13:00:00%2B01:00&traceId=${TRACE.toUpperCase()}&limit=10`;
    const body = await page(await get(`/v1/logs?${query}`, acmeTenantAdmin));
    expect(body.logs.map((l) => l.body)).toEqual(['upstream timed out']);
    const sent = new URLSearchParams(f.collector.logRequests.at(-1));
    expect(Object.fromEntries(sent)).toEqual({
      tenant: 'acme',
      service: 'gateway',
      severity: 'warn',
      q: 'timed',
      from: '2026-03-01T11:00:00Z',
      to: '2026-03-01T13:00:00+01:00',
      traceId: TRACE,
      limit: '10',
    });
  });

  it('pages with the cursor the previous page returned until nextCursor is null', async () => {
    const first = await page(await get('/v1/logs?tenant=acme&limit=3', superAdmin));
    expect(first.logs.map((l) => l.id)).toEqual(['4', '3', '2']);
    expect(first.nextCursor).not.toBeNull();
    const second = await page(
      await get(`/v1/logs?tenant=acme&limit=3&cursor=${first.nextCursor!}`, superAdmin),
    );
    expect(second.logs.map((l) => l.id)).toEqual(['1']);
    expect(second.nextCursor).toBeNull();
  });

  it('passes SQL-looking text through untouched as one parameter, and it only matches itself', async () => {
    const q = "'' OR 1=1; DROP TABLE collector.logs; --";
    const body = await page(await get(`/v1/logs?tenant=acme&q=${encodeURIComponent(q)}`, platformSre));
    expect(body.logs.map((l) => l.id)).toEqual(['3']);
    expect(new URLSearchParams(f.collector.logRequests.at(-1)).get('q')).toBe(q);
    // The store is still there and still answers.
    expect((await page(await get('/v1/logs?tenant=acme', platformSre))).logs).toHaveLength(4);
  });

  it('passes an encoded & or = in the text as text, not as another parameter', async () => {
    await page(await get(`/v1/logs?tenant=acme&q=${encodeURIComponent('a&tenant=globex')}`, acmeDeveloper));
    const sent = new URLSearchParams(f.collector.logRequests.at(-1));
    expect(sent.getAll('tenant')).toEqual(['acme']);
    expect(sent.get('q')).toBe('a&tenant=globex');
  });

  it("refuses a tenant developer another tenant's logs with 403 without asking the collector", async () => {
    const before = f.collector.logRequests.length;
    await expectProblem(await get('/v1/logs?tenant=globex', acmeDeveloper), 403);
    expect(f.collector.logRequests.length).toBe(before);
  });

  it("never returns another tenant's lines, even when the collector ignores the tenant filter", async () => {
    f.collector.leakOtherTenants = true;
    try {
      const body = await page(await get('/v1/logs', acmeDeveloper));
      expect(body.logs.map((l) => l.tenantId)).toEqual(['acme', 'acme', 'acme', 'acme']);
    } finally {
      f.collector.leakOtherTenants = false;
    }
  });

  it('gives a platform sre any tenant it names', async () => {
    const body = await page(await get('/v1/logs?tenant=globex', platformSre));
    expect(body.logs.map((l) => l.body)).toEqual(['globex secret order']);
  });

  it('asks a platform user to name a tenant with 400', async () => {
    const body = await expectProblem(await get('/v1/logs', superAdmin), 400);
    expect(body.detail).toMatch(/tenant is required/);
  });

  it.each([
    ['a viewer', () => acmeViewer],
    ['an executive', () => acmeExecutive],
  ])('refuses %s, whose role may not read logs, with 403', async (_name, token) => {
    await expectProblem(await get('/v1/logs', token()), 403);
  });

  it('refuses a platform-wide developer (no tenant, no platform role) with 403', async () => {
    const platformDeveloper = await f.issuer.sign({ tenant: null, roles: ['developer'] });
    await expectProblem(await get('/v1/logs?tenant=acme', platformDeveloper), 403);
  });

  it('refuses a request without a token with 401', async () => {
    await expectProblem(await get('/v1/logs?tenant=acme'), 401);
  });

  it.each([
    ['a cursor with characters outside base64url', 'cursor=abc%2F%2F..'],
    ['an oversized cursor', `cursor=${'A'.repeat(201)}`],
    ['a q of 501 characters', `q=${'x'.repeat(501)}`],
    ['a q of 8 kB', `q=${'x'.repeat(8_000)}`],
    ['a blank q', 'q=%20%20'],
    ['a date that is not ISO 8601', 'from=yesterday'],
    ['a date without a zone', 'from=2026-03-01T12:00:00'],
    ['an impossible date', 'to=2026-02-31T25:61:00Z'],
    ['from after to', 'from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z'],
    ['a severity out of range', 'severity=25'],
    ['an unknown severity name', 'severity=loud'],
    ['a short trace id', 'traceId=abc'],
    ['a limit of 0', 'limit=0'],
    ['a limit of 501', 'limit=501'],
    ['a negative limit', 'limit=-1'],
    ['an unknown parameter', 'sort=asc'],
    ['a repeated parameter', 'service=a&service=b'],
    ['a bracketed parameter', 'q[$ne]=x'],
    ['a malformed tenant', 'tenant=ACME%27--'],
  ])('answers %s with 400 without asking the collector', async (_name, query) => {
    const before = f.collector.logRequests.length;
    const withTenant = query.startsWith('tenant=') ? query : `tenant=acme&${query}`;
    await expectProblem(await get(`/v1/logs?${withTenant}`, superAdmin), 400);
    expect(f.collector.logRequests.length).toBe(before);
  });

  it('refuses a 100 kB query string at the HTTP layer (431) without asking the collector', async () => {
    const before = f.collector.logRequests.length;
    const res = await get(`/v1/logs?tenant=acme&q=${'x'.repeat(100_000)}`, superAdmin);
    expect(res.status).toBe(431);
    expect(f.collector.logRequests.length).toBe(before);
  });

  it('answers a well-formed cursor the collector did not issue with 400 and its reason', async () => {
    const forged = Buffer.from('{"not":"a cursor"}').toString('base64url');
    const body = await expectProblem(await get(`/v1/logs?tenant=acme&cursor=${forged}`, superAdmin), 400);
    expect(body.detail).toBe('cursor is not one this API issued');
  });

  it('accepts a cursor in the collector format', async () => {
    const cursor = stubCursor('2026-03-01T12:00:03.000000Z', '3');
    const body = await page(await get(`/v1/logs?tenant=acme&cursor=${cursor}`, superAdmin));
    expect(body.logs.map((l) => l.id)).toEqual(['2', '1']);
  });
});

describe('GET /v1/tenants/:id/services', () => {
  it("lists a tenant's services for any role of that tenant", async () => {
    const res = await get('/v1/tenants/acme/services', acmeViewer);
    expect(res.status).toBe(200);
    expect(
      ((await res.json()) as { services: { service: string }[] }).services.map((s) => s.service),
    ).toEqual(['auth', 'gateway']);
  });

  it("refuses a tenant token another tenant's services with 403", async () => {
    await expectProblem(await get('/v1/tenants/globex/services', acmeDeveloper), 403);
  });

  it('answers a malformed tenant id with 400', async () => {
    await expectProblem(await get('/v1/tenants/ACME%20OR%201=1/services', superAdmin), 400);
  });

  it('answers an empty list for a tenant that sent nothing', async () => {
    const res = await get('/v1/tenants/initech/services', superAdmin);
    expect(await res.json()).toEqual({ services: [] });
  });
});
