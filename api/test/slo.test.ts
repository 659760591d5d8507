import { freePort } from '@sightline/testing';
import { loadApiConfig } from '../src/config';
import { startApi } from '../src/startApi';
import type { StubSloDefinition } from './support/AlertingStub';
import { INTERNAL_TOKEN, startApiWithStubs } from './support/startApiWithStubs';
import type { ApiFixture } from './support/startApiWithStubs';

let f: ApiFixture;
let superAdmin: string;
let acmeDeveloper: string;
let acmeViewer: string;

const ALERTS: StubSloDefinition['alerts'] = [
  {
    alertname: 'SloErrorBudgetBurn',
    severity: 'page',
    burnrateTier: 'page-fast',
    factor: 13.44,
    longWindow: '1h',
    shortWindow: '5m',
  },
  {
    alertname: 'SloErrorBudgetBurn',
    severity: 'page',
    burnrateTier: 'page-slow',
    factor: 5.6,
    longWindow: '6h',
    shortWindow: '30m',
  },
  {
    alertname: 'SloErrorBudgetBurn',
    severity: 'ticket',
    burnrateTier: 'ticket-fast',
    factor: 2.8,
    longWindow: '1d',
    shortWindow: '2h',
  },
  {
    alertname: 'SloErrorBudgetBurn',
    severity: 'ticket',
    burnrateTier: 'ticket-slow',
    factor: 0.933333,
    longWindow: '3d',
    shortWindow: '6h',
  },
];

function definition(tenant: string, slo: string): StubSloDefinition {
  return {
    tenant,
    slo,
    service: 'gateway',
    description: `${slo} of ${tenant}`,
    objective: 0.9995,
    period: '28d',
    sli: { kind: 'availability' },
    minEvents: { '5m': 10 },
    source: 'tenants.yaml',
    alerts: ALERTS,
  };
}

const FIRING = {
  labels: {
    alertname: 'SloErrorBudgetBurn',
    severity: 'page',
    burnrate_tier: 'page-fast',
    tenant: 'acme',
    slo: 'availability',
  },
  annotations: { summary: 'acme availability burns fast' },
  startsAt: '2026-03-01T11:50:00.000Z',
  longBurnRate: 20,
  shortBurnRate: 30,
};

function event(id: number, tenant: string, state: 'firing' | 'resolved') {
  return {
    id,
    fingerprint: `fp-${tenant}`,
    state,
    labels: { ...FIRING.labels, tenant },
    annotations: FIRING.annotations,
    startsAt: FIRING.startsAt,
    endsAt: state === 'resolved' ? '2026-03-01T12:30:00.000Z' : null,
    longBurnRate: 20,
    shortBurnRate: 30,
    createdAt: '2026-03-01T12:00:00.000Z',
  };
}

beforeAll(async () => {
  f = await startApiWithStubs();
  superAdmin = await f.issuer.sign({ tenant: null, roles: ['super_admin'] });
  acmeDeveloper = await f.issuer.sign({ tenant: 'acme', roles: ['developer'] });
  acmeViewer = await f.issuer.sign({ tenant: 'acme', roles: ['viewer'] });
  f.alerting.definitions.push(definition('acme', 'availability'), definition('globex', 'availability'));
  f.alerting.status.set('acme', {
    evaluatedAt: '2026-03-01T12:00:00.000Z',
    slos: [
      {
        slo: 'availability',
        objective: 0.9995,
        period: '28d',
        sli: 0.9991,
        errorBudgetRemaining: -0.8,
        timeToExhaustionSeconds: 0,
        burnRates: { '5m': 30, '1h': 20, '28d': 1.8 },
        windows: { '5m': { errorRatio: 0.015, burnRate: 30, validEvents: 1000, badEvents: 15 } },
        firingAlerts: [FIRING],
      },
    ],
  });
  f.alerting.history.set('acme/availability', [
    {
      at: '2026-03-01T10:00:00.000Z',
      sli: 0.9999,
      errorBudgetRemaining: 0.9,
      timeToExhaustionSeconds: null,
      burnRates: { '1h': 0 },
    },
    {
      at: '2026-03-01T11:00:00.000Z',
      sli: 0.9991,
      errorBudgetRemaining: 0.5,
      timeToExhaustionSeconds: 3600,
      burnRates: { '1h': 20 },
    },
  ]);
  f.alerting.events.push(
    event(3, 'globex', 'firing'),
    event(2, 'acme', 'resolved'),
    event(1, 'acme', 'firing'),
  );
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

describe('GET /v1/tenants/:id/slos', () => {
  it("shows a tenant's developer the current budget, burn rates, firing alerts and the alert thresholds", async () => {
    const res = await get('/v1/tenants/acme/slos', acmeDeveloper);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      tenant: string;
      evaluatedAt: string;
      slos: Record<string, unknown>[];
    };
    expect(body.tenant).toBe('acme');
    expect(body.evaluatedAt).toBe('2026-03-01T12:00:00.000Z');
    expect(body.slos).toHaveLength(1);
    expect(body.slos[0]).toMatchObject({
      slo: 'availability',
      description: 'availability of acme',
      errorBudgetRemaining: -0.8,
      burnRates: { '5m': 30, '1h': 20, '28d': 1.8 },
      firingAlerts: [FIRING],
    });
    expect((body.slos[0]!.alerts as { factor: number }[]).map((a) => a.factor)).toEqual([
      13.44, 5.6, 2.8, 0.933333,
    ]);
  });

  it('lets a viewer of the tenant read its SLOs too', async () => {
    expect((await get('/v1/tenants/acme/slos', acmeViewer)).status).toBe(200);
  });

  it('reports nulls for SLOs alerting has not evaluated yet', async () => {
    const res = await get('/v1/tenants/globex/slos', superAdmin);
    const body = (await res.json()) as {
      evaluatedAt: null;
      slos: { errorBudgetRemaining: null; burnRates: null }[];
    };
    expect(body.evaluatedAt).toBeNull();
    expect(body.slos[0]).toMatchObject({ errorBudgetRemaining: null, burnRates: null, firingAlerts: [] });
  });

  it('answers an empty list for a known tenant that has no SLOs', async () => {
    const res = await get('/v1/tenants/initech/slos', superAdmin);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ tenant: 'initech', evaluatedAt: null, slos: [] });
  });

  it('answers 404 for a tenant the gateway does not know', async () => {
    await expectProblem(await get('/v1/tenants/nosuch/slos', superAdmin), 404);
  });

  it("refuses a tenant token another tenant's SLOs with 403, without asking alerting", async () => {
    const before = f.alerting.requests.length;
    await expectProblem(await get('/v1/tenants/globex/slos', acmeDeveloper), 403);
    expect(f.alerting.requests.length).toBe(before);
  });

  it.each([
    ['a malformed tenant id', '/v1/tenants/ACME!/slos'],
    ['an over-long tenant id', `/v1/tenants/${'a'.repeat(64)}/slos`],
    ['an unknown query parameter', '/v1/tenants/acme/slos?window=5m'],
  ])('refuses %s with 400', async (_name, path) => {
    await expectProblem(await get(path, superAdmin), 400);
  });

  it('refuses a request without a token with 401', async () => {
    await expectProblem(await get('/v1/tenants/acme/slos'), 401);
  });
});

describe('GET /v1/tenants/:id/slos/:slo/history', () => {
  it('passes the range to alerting and returns the budget snapshots', async () => {
    const res = await get(
      '/v1/tenants/acme/slos/availability/history?from=2026-03-01T09:00:00Z&to=2026-03-01T12:00:00Z',
      acmeDeveloper,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { stepSeconds: number; points: { errorBudgetRemaining: number }[] };
    expect(body.stepSeconds).toBe(60);
    expect(body.points.map((p) => p.errorBudgetRemaining)).toEqual([0.9, 0.5]);
    expect(f.alerting.requests).toContain(
      '/internal/v1/tenants/acme/slos/availability/history?from=2026-03-01T09%3A00%3A00Z&to=2026-03-01T12%3A00%3A00Z',
    );
  });

  it('uses alerting’s default range when none is given', async () => {
    const res = await get('/v1/tenants/acme/slos/availability/history', acmeDeveloper);
    expect(res.status).toBe(200);
    expect(f.alerting.requests).toContain('/internal/v1/tenants/acme/slos/availability/history');
  });

  it('answers 404 for an SLO the tenant does not have', async () => {
    const body = await expectProblem(await get('/v1/tenants/acme/slos/latency/history', superAdmin), 404);
    expect(body.detail).toBe('tenant acme has no SLO latency');
  });

  it("refuses a tenant token another tenant's history with 403", async () => {
    await expectProblem(await get('/v1/tenants/globex/slos/availability/history', acmeDeveloper), 403);
  });

  it.each([
    ['a date without a zone', '?from=2026-03-01T09:00:00'],
    ['a date that is not a date', '?to=yesterday'],
    ['from after to', '?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z'],
    ['a range over 35 days', '?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z'],
    ['a repeated parameter', '?to=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z'],
    ['an unknown parameter', '?step=1m'],
  ])('refuses %s with 400 before calling alerting', async (_name, query) => {
    const before = f.alerting.requests.length;
    await expectProblem(await get(`/v1/tenants/acme/slos/availability/history${query}`, superAdmin), 400);
    expect(f.alerting.requests.length).toBe(before);
  });

  it.each([
    ['an SLO name with a slash', '/v1/tenants/acme/slos/a%2Fb/history'],
    ['an SLO name with upper case', '/v1/tenants/acme/slos/Availability/history'],
    ['an over-long SLO name', `/v1/tenants/acme/slos/${'s'.repeat(64)}/history`],
  ])('refuses %s with 400', async (_name, path) => {
    await expectProblem(await get(path, superAdmin), 400);
  });
});

describe('GET /v1/slo-alerts', () => {
  it("lists every tenant's events for a platform user who names no tenant", async () => {
    const res = await get('/v1/slo-alerts', superAdmin);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { events: { id: number }[] };
    expect(body.events.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(f.alerting.requests).toContain('/internal/v1/slo-alerts');
  });

  it("gives a tenant token its own tenant's events when it names none", async () => {
    const res = await get('/v1/slo-alerts?state=firing', acmeDeveloper);
    const body = (await res.json()) as { events: { id: number; labels: { tenant: string } }[] };
    expect(body.events.map((e) => e.id)).toEqual([1]);
    expect(f.alerting.requests).toContain('/internal/v1/slo-alerts?tenant=acme&state=firing');
  });

  it("refuses a tenant token another tenant's alerts with 403", async () => {
    await expectProblem(await get('/v1/slo-alerts?tenant=globex', acmeDeveloper), 403);
  });

  it('refuses a viewer, whose role may not read alerts, with 403', async () => {
    await expectProblem(await get('/v1/slo-alerts?tenant=acme', acmeViewer), 403);
  });

  it('refuses a platform-wide token without a platform role, which sees no tenant, with 403', async () => {
    const developer = await f.issuer.sign({ tenant: null, roles: ['developer'] });
    await expectProblem(await get('/v1/slo-alerts', developer), 403);
  });

  it.each([
    ['an unknown state', '?state=pending'],
    ['a malformed tenant', '?tenant=ACME%00'],
    ['a repeated state', '?state=firing&state=resolved'],
    ['an unknown parameter', '?limit=5'],
  ])('refuses %s with 400', async (_name, query) => {
    await expectProblem(await get(`/v1/slo-alerts${query}`, superAdmin), 400);
  });

  it('answers 502 when alerting sends a body outside its contract', async () => {
    f.alerting.brokenBody = true;
    try {
      await expectProblem(await get('/v1/slo-alerts', superAdmin), 502);
    } finally {
      f.alerting.brokenBody = false;
    }
  });
});

describe('with alerting unreachable', () => {
  let down: Awaited<ReturnType<typeof startApi>>;
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
          ALERTING_URL: `http://127.0.0.1:${await freePort()}`,
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

  it.each(['/v1/tenants/acme/slos', '/v1/tenants/acme/slos/availability/history', '/v1/slo-alerts'])(
    'answers %s with a 503 problem that names alerting but not its URL',
    async (path) => {
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${superAdmin}` } });
      const body = await expectProblem(res, 503);
      expect(body.detail).toBe('alerting is unavailable');
      expect(res.headers.get('retry-after')).toBe('5');
    },
  );
});
