import { TierDefaults } from '@sightline/contracts';
import { expectProblem, requestApi } from './support/requestApi';
import { startApiWithStubs } from './support/startApiWithStubs';
import type { ApiFixture } from './support/startApiWithStubs';

const ROUTES = Array.from({ length: 12 }, (_, i) => ({
  route: `GET /orders/:id/${i}`,
  requests: 100,
  errors: 12 - i,
  errorPercent: 12 - i,
}));

function incident(groupId: number, startedAt: string, more: Record<string, unknown> = {}) {
  return {
    groupId,
    incident: 1,
    dedupKey: `acme/${groupId}`,
    title: `HighErrorRate: checkout fails (${groupId})`,
    alertname: 'HighErrorRate',
    summary: 'checkout fails',
    severity: 'page',
    slo: 'availability',
    startedAt,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    paged: true,
    ...more,
  };
}

describe('tenant activity routes', () => {
  let f: ApiFixture;
  const tokens: Record<string, string> = {};
  const request = requestApi(() => f.base);
  const get = (path: string, who: string) => request('GET', path, tokens[who]);

  beforeAll(async () => {
    f = await startApiWithStubs();
    tokens.sre = await f.issuer.sign({ tenant: null, roles: ['sre'] });
    tokens.acmeViewer = await f.issuer.sign({ tenant: 'acme', roles: ['viewer'] });
    tokens.acmeExecutive = await f.issuer.sign({ tenant: 'acme', roles: ['executive'] });
    tokens.platformViewer = await f.issuer.sign({ tenant: null, roles: ['viewer'] });
    f.collector.setRoutes('acme', ROUTES);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const dayAgo = new Date(Date.now() - 30 * 3_600_000).toISOString();
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
    f.alerting.incidents.set('acme', [
      incident(3, monthAgo, { resolvedAt: new Date(Date.now() - 29 * 86_400_000).toISOString() }),
      incident(7, dayAgo, {
        acknowledgedAt: new Date(Date.parse(dayAgo) + 120_000).toISOString(),
        acknowledgedBy: 'u-sre',
        resolvedAt: new Date(Date.parse(dayAgo) + 600_000).toISOString(),
        resolvedBy: 'u-sre',
      }),
      incident(9, hourAgo),
    ]);
  });

  afterAll(async () => {
    await f?.close();
  });

  describe('GET /v1/tenants/:id/routes', () => {
    it('lists at most 10 failing routes of the last hour, asking the collector for exactly that', async () => {
      const before = f.collector.routeRequests.length;
      const res = await get('/v1/tenants/acme/routes', 'acmeViewer');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as { window: string; from: string; to: string; routes: unknown[] };
      expect(body.window).toBe('1h');
      expect(Date.parse(body.to) - Date.parse(body.from)).toBe(3_600_000);
      expect(body.routes).toHaveLength(10);
      expect(body.routes[0]).toEqual(ROUTES[0]);
      const sent = new URLSearchParams(f.collector.routeRequests[before]!.replace(/^acme/, ''));
      expect(f.collector.routeRequests[before]).toMatch(/^acme\?/);
      expect([...sent.keys()].sort()).toEqual(['from', 'limit', 'to']);
      expect(sent.get('limit')).toBe('10');
      expect(sent.get('from')).toBe(body.from);
    });

    it('looks back a day or a week when asked', async () => {
      for (const [window, ms] of [
        ['1d', 86_400_000],
        ['7d', 7 * 86_400_000],
      ] as const) {
        const body = (await (await get(`/v1/tenants/acme/routes?window=${window}`, 'sre')).json()) as {
          from: string;
          to: string;
        };
        expect(Date.parse(body.to) - Date.parse(body.from)).toBe(ms);
      }
    });

    it('answers an empty list for a tenant whose routes never failed', async () => {
      const body = (await (await get('/v1/tenants/globex/routes', 'sre')).json()) as { routes: unknown[] };
      expect(body.routes).toEqual([]);
    });
  });

  describe('GET /v1/tenants/:id/incidents', () => {
    it('lists the incidents of the last 7 days newest first, with the times the console needs', async () => {
      const res = await get('/v1/tenants/acme/incidents', 'acmeViewer');
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        window: string;
        from: string;
        to: string;
        incidents: Record<string, unknown>[];
      };
      expect(body.window).toBe('7d');
      expect(Date.parse(body.to) - Date.parse(body.from)).toBe(7 * 86_400_000);
      expect(body.incidents.map((i) => i.groupId)).toEqual([9, 7]);
      expect(body.incidents[1]).toMatchObject({ acknowledgedBy: 'u-sre', resolvedBy: 'u-sre', paged: true });
      // Only the published fields pass: alerting's internal dedup key stays inside.
      expect(body.incidents[0]).not.toHaveProperty('dedupKey');
    });

    it('names a tenant-bound caller to alerting, so alerting confines it too, and a platform caller not at all', async () => {
      const before = f.alerting.incidentCallers.length;
      await get('/v1/tenants/acme/incidents', 'acmeExecutive');
      await get('/v1/tenants/acme/incidents', 'sre');
      expect(f.alerting.incidentCallers.slice(before)).toEqual(['acme', '']);
    });

    it('narrows to the last day', async () => {
      const body = (await (await get('/v1/tenants/acme/incidents?window=1d', 'sre')).json()) as {
        incidents: { groupId: number }[];
      };
      expect(body.incidents.map((i) => i.groupId)).toEqual([9]);
    });

    it('answers 502 when alerting sends a body outside its contract', async () => {
      f.alerting.brokenBody = true;
      try {
        await expectProblem(await get('/v1/tenants/acme/incidents', 'sre'), 502);
      } finally {
        f.alerting.brokenBody = false;
      }
    });
  });

  describe('GET /v1/tenants/:id/limits', () => {
    it("answers the tenant's limits in force at the gateway", async () => {
      const res = await get('/v1/tenants/acme/limits', 'acmeViewer');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        tenantId: 'acme',
        tier: 'enterprise',
        perSecond: TierDefaults.enterprise.requestsPerSecond,
        perMinute: TierDefaults.enterprise.requestsPerMinute,
        shadow: false,
        source: 'effective',
      });
    });
  });

  describe.each(['routes', 'incidents', 'limits'])('authorization of /v1/tenants/:id/%s', (what) => {
    it('lets any role read its own tenant, and a platform sre any tenant', async () => {
      expect((await get(`/v1/tenants/acme/${what}`, 'acmeViewer')).status).toBe(200);
      expect((await get(`/v1/tenants/acme/${what}`, 'acmeExecutive')).status).toBe(200);
      expect((await get(`/v1/tenants/globex/${what}`, 'sre')).status).toBe(200);
    });

    it('refuses a viewer bound to no tenant with 403, as it sees no tenant', async () => {
      await expectProblem(await get(`/v1/tenants/acme/${what}`, 'platformViewer'), 403);
    });

    it("refuses a tenant token another tenant's data with 403, before any internal call", async () => {
      const before = [f.collector.routeRequests.length, f.alerting.requests.length];
      await expectProblem(await get(`/v1/tenants/globex/${what}`, 'acmeViewer'), 403);
      expect([f.collector.routeRequests.length, f.alerting.requests.length]).toEqual(before);
    });

    it('refuses a request without a token or with a forged one with 401', async () => {
      await expectProblem(await request('GET', `/v1/tenants/acme/${what}`), 401);
      await expectProblem(await request('GET', `/v1/tenants/acme/${what}`, 'eyJhbGciOiJub25lIn0.e30.'), 401);
    });

    it('answers 404 for a tenant the gateway does not know', async () => {
      await expectProblem(await get(`/v1/tenants/nosuch/${what}`, 'sre'), 404);
    });
  });

  it.each([
    ['routes', 'an unknown window', '?window=30d'],
    ['routes', 'a repeated window', '?window=1h&window=1d'],
    ['routes', 'an unknown parameter', '?limit=500'],
    ['routes', 'a hostile window', `?window=${encodeURIComponent("1h' OR 1=1 --")}`],
    ['routes', 'a window as an array', '?window[]=1h'],
    ['routes', 'a prototype key', '?__proto__=1h'],
    ['incidents', 'an unknown window', '?window=400d'],
    ['incidents', 'a from the caller picked', '?from=2020-01-01T00:00:00Z'],
    ['incidents', 'a repeated window', '?window=7d&window=7d'],
    ['incidents', 'a window in another case', '?window=7D'],
    ['limits', 'any parameter', '?window=1h'],
  ])('refuses on /%s %s with a 400 problem that says why, before any internal call', async (what, _n, q) => {
    const before = [f.collector.routeRequests.length, f.alerting.requests.length];
    const body = await expectProblem(await get(`/v1/tenants/acme/${what}${q}`, 'sre'), 400);
    expect(body.detail).toBeTruthy();
    expect([f.collector.routeRequests.length, f.alerting.requests.length]).toEqual(before);
  });

  it.each(['routes', 'incidents', 'limits'])(
    'refuses a malformed tenant id on /%s with a 400 problem',
    async (what) => {
      for (const id of ['ACME', 'a'.repeat(64), 'acme%00', "acme'--", '%20acme', '_%2F..'])
        await expectProblem(await get(`/v1/tenants/${id}/${what}`, 'sre'), 400);
    },
  );
});
