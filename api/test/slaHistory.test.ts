import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import type { Tenant } from '@sightline/contracts';
import { computeSla } from '../src/sla/computeSla';
import { computeSlaHistory } from '../src/sla/computeSlaHistory';
import type { SeriesPoint } from './support/CollectorStub';
import { startApiWithStubs } from './support/startApiWithStubs';
import type { ApiFixture } from './support/startApiWithStubs';

const ACME: Tenant = { id: 'acme', name: 'Acme Corp', tier: 'enterprise', timezone: 'UTC' };

function histogram(counts: Partial<Record<number, number>>): number[] {
  return Array.from({ length: LATENCY_BUCKETS_MS.length + 1 }, (_, i) => counts[i] ?? 0);
}

function point(
  t: string,
  requests: number,
  errors: number,
  rateLimited: number,
  buckets = histogram({}),
): SeriesPoint {
  return { t, requests, errors, rateLimited, latencyBuckets: buckets };
}

describe('computeSlaHistory', () => {
  it('computes each step exactly as an SLA snapshot would, leaving 429s out of the denominator', () => {
    const p = point('2026-03-01T12:01:00.000Z', 1000, 9, 100, histogram({ 3: 500, 4: 400, 6: 100 }));
    const history = computeSlaHistory(
      {
        tenantId: 'acme',
        from: '2026-03-01T12:00:00.000Z',
        to: '2026-03-01T12:05:00.000Z',
        step: '1m',
        points: [p],
      },
      ACME,
    );
    const snapshot = computeSla({ tenantId: 'acme', from: '', to: '', ...p }, ACME, '5m', new Date());
    expect(history.points[0]).toEqual({
      t: p.t,
      requests: 1000,
      errors: 9,
      rateLimited: 100,
      availability: snapshot.availability,
      latencyMs: snapshot.latencyMs,
    });
    expect(history.points[0]!.availability).toBeCloseTo(0.99, 10);
    expect(history.objective).toBe(0.9995);
  });

  it('reports no availability for a step whose only traffic was rate-limited', () => {
    const history = computeSlaHistory(
      {
        tenantId: 'acme',
        from: 'a',
        to: 'b',
        step: '10s',
        points: [point('2026-03-01T12:00:00.000Z', 5, 0, 5)],
      },
      ACME,
    );
    expect(history.points[0]!.availability).toBeNull();
    expect(history.points[0]!.latencyMs).toEqual({ p50: null, p95: null, p99: null });
  });

  it('keeps missing steps missing and sorts the rest oldest first', () => {
    const history = computeSlaHistory(
      {
        tenantId: 'acme',
        from: 'a',
        to: 'b',
        step: '1m',
        points: [point('2026-03-01T12:03:00.000Z', 1, 0, 0), point('2026-03-01T12:00:00.000Z', 1, 1, 0)],
      },
      ACME,
    );
    expect(history.points.map((p) => [p.t, p.availability])).toEqual([
      ['2026-03-01T12:00:00.000Z', 0],
      ['2026-03-01T12:03:00.000Z', 1],
    ]);
  });
});

describe('GET /v1/tenants/:id/sla/history', () => {
  let f: ApiFixture;
  let superAdmin: string;
  let acmeViewer: string;

  beforeAll(async () => {
    f = await startApiWithStubs();
    superAdmin = await f.issuer.sign({ tenant: null, roles: ['super_admin'] });
    acmeViewer = await f.issuer.sign({ tenant: 'acme', roles: ['viewer'] });
    f.collector.setSeries('acme', [
      point('2026-03-01T12:00:00.000Z', 100, 1, 0, histogram({ 2: 100 })),
      point('2026-03-01T12:02:00.000Z', 200, 0, 50, histogram({ 4: 200 })),
    ]);
  });

  afterAll(async () => {
    await f?.close();
  });

  const get = (path: string, token?: string) =>
    fetch(`${f.base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers availability and percentiles per step, with the gap left as a gap', async () => {
    const res = await get(
      '/v1/tenants/acme/sla/history?from=2026-03-01T12:00:00Z&to=2026-03-01T12:05:00Z&step=1m',
      acmeViewer,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      tier: string;
      step: string;
      points: { t: string; availability: number; latencyMs: { p50: number } }[];
    };
    expect(body.tier).toBe('enterprise');
    expect(body.step).toBe('1m');
    expect(body.points.map((p) => p.t)).toEqual(['2026-03-01T12:00:00.000Z', '2026-03-01T12:02:00.000Z']);
    expect(body.points[0]!.availability).toBeCloseTo(0.99, 10);
    expect(body.points[1]!.availability).toBe(1);
    expect(body.points[0]!.latencyMs.p50).toBe(17.5);
    expect(f.collector.seriesRequests).toContain(
      '?from=2026-03-01T12%3A00%3A00.000Z&to=2026-03-01T12%3A05%3A00.000Z&step=1m',
    );
  });

  it('chooses the shortest step that keeps the range within 2000 steps when none is given', async () => {
    const res = await get(
      '/v1/tenants/acme/sla/history?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z',
      superAdmin,
    );
    expect(((await res.json()) as { step: string }).step).toBe('1m');
  });

  it('defaults to the last hour', async () => {
    const before = f.collector.seriesRequests.length;
    expect((await get('/v1/tenants/acme/sla/history', superAdmin)).status).toBe(200);
    const q = new URLSearchParams(f.collector.seriesRequests[before]!);
    expect(Date.parse(q.get('to')!) - Date.parse(q.get('from')!)).toBe(3_600_000);
    expect(q.get('step')).toBe('10s');
  });

  it("refuses a tenant token another tenant's history with 403", async () => {
    expect((await get('/v1/tenants/globex/sla/history', acmeViewer)).status).toBe(403);
  });

  it('answers 404 for a tenant the gateway does not know', async () => {
    expect((await get('/v1/tenants/nosuch/sla/history', superAdmin)).status).toBe(404);
  });

  it.each([
    ['an unknown step', '?step=2m'],
    ['a date without a zone', '?from=2026-03-01T12:00:00'],
    ['from after to', '?from=2026-03-01T13:00:00Z&to=2026-03-01T12:00:00Z'],
    ['from equal to to', '?from=2026-03-01T12:00:00Z&to=2026-03-01T12:00:00Z'],
    ['more than 2000 steps', '?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&step=10s'],
    ['a repeated step', '?step=1m&step=5m'],
    ['an unknown parameter', '?window=5m'],
    ['a hostile value', `?from=${encodeURIComponent("2026-03-01T12:00:00Z' OR 1=1 --")}`],
  ])('refuses %s with a 400 problem before calling the collector', async (_name, query) => {
    const before = f.collector.seriesRequests.length;
    const res = await get(`/v1/tenants/acme/sla/history${query}`, superAdmin);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(f.collector.seriesRequests.length).toBe(before);
  });
});
