import { randomBytes } from 'node:crypto';
import type { RollupAggregate, RollupsFlushedEvent } from '@sightline/contracts';
import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import { waitFor } from '@sightline/testing';
import pg from 'pg';
import type { SpanRecord } from '../src/otlp/records';
import { RollupAccumulator } from '../src/processors/rollups/RollupAccumulator';
import type { AttrValue, TestCollector } from './collectorHarness';
import {
  FIXTURE_TRACE_ID,
  TEST_TOKEN,
  internalGet,
  jsonSpan,
  openEvents,
  postOtlp,
  startTestCollector,
  traceRequest,
} from './collectorHarness';

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector({ SLI_SERVICES: 'gateway, auth' });
});
afterAll(async () => {
  await c.close();
});

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

function serverSpan(
  status: number | string,
  durationMs: number,
  extra: Record<string, AttrValue> = {},
  kind = 2,
): Record<string, unknown> {
  const value: AttrValue = typeof status === 'number' ? { intValue: status } : { stringValue: status };
  return jsonSpan({
    traceId: hex(16),
    spanId: hex(8),
    kind,
    startMs: Date.now() - durationMs,
    durationMs,
    attributes: { 'http.response.status_code': value, ...extra },
  });
}

async function sendSpans(
  service: string,
  spans: unknown[],
  resource: Record<string, AttrValue> = {},
): Promise<void> {
  const res = await postOtlp(c.base, 'traces', JSON.stringify(traceRequest(service, spans, resource)), {
    'content-type': 'application/json',
  });
  expect(res.status).toBe(200);
}

async function rollups(tenant: string, window = '5m'): Promise<RollupAggregate> {
  const res = await internalGet(c.base, `/internal/v1/rollups/${tenant}?window=${window}`);
  expect(res.status).toBe(200);
  return (await res.json()) as RollupAggregate;
}

describe('SLI rollups', () => {
  it('turns gateway server spans with statuses 200, 500 and 429 into one tenant rollup, announced on the event stream', async () => {
    const stream = await openEvents(c.base);
    try {
      await sendSpans('gateway', [
        serverSpan(200, 3, { 'tenant.id': { stringValue: 'acme' } }),
        serverSpan(500, 30, { 'tenant.id': { stringValue: 'acme' } }),
        serverSpan('429', 20_000, { 'tenant.id': { stringValue: 'acme' } }),
      ]);
      const event = await waitFor(() => stream.events.find((e) => e.tenants.includes('acme')));
      expect(Number.isNaN(Date.parse(event.at))).toBe(false);
      expect(stream.text()).toContain(': connected');

      const agg = await rollups('acme');
      expect(agg).toMatchObject({ tenantId: 'acme', requests: 3, errors: 1, rateLimited: 1 });
      const expected = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
      expected[0] = 1; // 3 ms <= 5 ms
      expected[3] = 1; // 30 ms <= 50 ms
      expected[LATENCY_BUCKETS_MS.length] = 1; // 20 s > 10 s: the +Inf bucket
      expect(agg.latencyBuckets).toEqual(expected);
      expect(Date.parse(agg.to) - Date.parse(agg.from)).toBe(300_000);
    } finally {
      stream.close();
    }
  });

  it('adds later flushes to the stored counts instead of replacing them', async () => {
    await sendSpans('auth', [serverSpan(200, 1)], { 'tenant.id': { stringValue: 'globex' } });
    await waitFor(async () => (await rollups('globex')).requests === 1);
    await sendSpans('auth', [serverSpan(503, 1), serverSpan(201, 7)], {
      'tenant.id': { stringValue: 'globex' },
    });
    const agg = await waitFor(async () => {
      const a = await rollups('globex');
      return a.requests === 3 ? a : null;
    });
    expect(agg.errors).toBe(1);
    expect(agg.latencyBuckets[0]).toBe(2);
    expect(agg.latencyBuckets[1]).toBe(1);
  });

  it('counts only server spans of SLI services with a tenant and a status code', async () => {
    const initech = { 'tenant.id': { stringValue: 'initech' } };
    await sendSpans('gateway', [
      serverSpan(500, 1, initech, 3),
      jsonSpan({
        traceId: hex(16),
        spanId: hex(8),
        kind: 2,
        startMs: Date.now(),
        durationMs: 1,
        attributes: initech,
      }),
    ]);
    await sendSpans('demo-upstream', [serverSpan(500, 1, initech)]);
    await sendSpans('gateway', [serverSpan(500, 1)]);
    await sendSpans('gateway', [serverSpan(200, 1, initech)]);
    const agg = await waitFor(async () => {
      const a = await rollups('initech', '1h');
      return a.requests > 0 ? a : null;
    });
    // Give any wrongly counted span a chance to show up in a later flush.
    await new Promise((r) => setTimeout(r, 300));
    expect(await rollups('initech', '1h')).toMatchObject({ requests: 1, errors: 0 });
    expect(agg.requests).toBe(1);
    expect((await rollups('_platform')).requests).toBe(0);
  });

  it('keeps the deltas of a failed flush and writes them once the database accepts them again', async () => {
    const admin = new pg.Client({ connectionString: c.db.url });
    await admin.connect();
    try {
      await admin.query('ALTER TABLE collector.sli_rollups RENAME TO sli_rollups_away');
      await sendSpans('gateway', [serverSpan(200, 1), serverSpan(500, 1)], {
        'tenant.id': { stringValue: 'umbrella' },
      });
      // The flush fails, and the deltas wait in memory between tries; the gauge says how many (it reads 0 while a
      // try has them out).
      await waitFor(async () => {
        const text = await (await fetch(`${c.base}/metrics`)).text();
        return (
          /collector_rollup_flush_failures_total\{service="collector"\} [1-9]/.test(text) &&
          /collector_rollup_pending_deltas\{service="collector"\} [1-9]/.test(text)
        );
      });
    } finally {
      await admin.query('ALTER TABLE collector.sli_rollups_away RENAME TO sli_rollups');
      await admin.end();
    }
    const agg = await waitFor(async () => {
      const a = await rollups('umbrella');
      return a.requests > 0 ? a : null;
    });
    expect(agg).toMatchObject({ requests: 2, errors: 1 });
  });

  it('serves zeroes for a tenant without rollups', async () => {
    const agg = await rollups('nobody', '30d');
    expect(agg).toMatchObject({ tenantId: 'nobody', requests: 0, errors: 0, rateLimited: 0 });
    expect(agg.latencyBuckets).toEqual(new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0));
  });

  it('refuses an unknown window or a malformed tenant with 400', async () => {
    const window = await internalGet(c.base, '/internal/v1/rollups/acme?window=2w');
    expect(window.status).toBe(400);
    expect(((await window.json()) as { detail: string }).detail).toContain('window must be one of');
    const tenant = await internalGet(
      c.base,
      `/internal/v1/rollups/${encodeURIComponent('Robert"); DROP TABLE')}`,
    );
    expect(tenant.status).toBe(400);
  });
});

describe('SLI rollups from metrics (ADR 0009)', () => {
  const SECONDS = LATENCY_BUCKETS_MS.map((b) => b / 1000);
  type Point = { tenant: string; status: number; counts: number[]; bounds?: number[]; startMs?: number };
  const sliRequest = (
    points: Point[],
    resource: Record<string, string> = { 'sightline.sli.source': 'metrics' },
  ) => ({
    resourceMetrics: [
      {
        resource: {
          attributes: Object.entries({ 'service.name': 'gateway', ...resource }).map(([key, v]) => ({
            key,
            value: { stringValue: v },
          })),
        },
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'http.server.request.duration',
                unit: 's',
                histogram: {
                  aggregationTemporality: 1,
                  dataPoints: points.map((p) => {
                    const start = p.startMs ?? Date.now() - 50;
                    return {
                      attributes: [
                        { key: 'tenant.id', value: { stringValue: p.tenant } },
                        { key: 'http.response.status_code', value: { intValue: String(p.status) } },
                      ],
                      startTimeUnixNano: `${start}000000`,
                      timeUnixNano: `${start + 10}000000`,
                      count: String(p.counts.reduce((a, b) => a + b, 0)),
                      sum: 0.1,
                      bucketCounts: p.counts.map(String),
                      explicitBounds: p.bounds ?? SECONDS,
                    };
                  }),
                },
              },
            ],
          },
        ],
      },
    ],
  });
  const sendPoints = async (body: unknown): Promise<void> => {
    const res = await postOtlp(c.base, 'metrics', JSON.stringify(body), {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(200);
  };
  const slots = (at: Record<number, number>): number[] =>
    Array.from({ length: LATENCY_BUCKETS_MS.length + 1 }, (_, i) => at[i] ?? 0);

  it('turns the gateway’s request-duration histogram points into the tenant’s rollup: requests, errors, 429s, latency', async () => {
    await sendPoints(
      sliRequest([
        { tenant: 'hooli', status: 200, counts: slots({ 0: 7, 3: 2 }) },
        { tenant: 'hooli', status: 503, counts: slots({ 1: 1 }) },
        { tenant: 'hooli', status: 429, counts: slots({ 0: 4 }) },
      ]),
    );
    const agg = await waitFor(async () => {
      const a = await rollups('hooli');
      return a.requests > 0 ? a : null;
    });
    expect(agg).toMatchObject({ requests: 14, errors: 1, rateLimited: 4 });
    expect(agg.latencyBuckets).toEqual(slots({ 0: 11, 1: 1, 3: 2 }));
  });

  it('no longer counts the spans of a resource that sends its SLIs as metrics, so sampling cannot thin them', async () => {
    const tenant = { 'tenant.id': { stringValue: 'pied' } };
    await sendSpans('gateway', [serverSpan(200, 1, tenant), serverSpan(500, 1, tenant)], {
      'sightline.sli.source': { stringValue: 'metrics' },
    });
    await sendPoints(sliRequest([{ tenant: 'pied', status: 200, counts: slots({ 0: 10 }) }]));
    await waitFor(async () => (await rollups('pied')).requests > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(await rollups('pied')).toMatchObject({ requests: 10, errors: 0 });
  });

  it('ignores SLI points from a resource that does not declare them, or of a service that is no SLI service', async () => {
    await sendPoints(sliRequest([{ tenant: 'vandelay', status: 500, counts: slots({ 0: 3 }) }], {}));
    const other = sliRequest([{ tenant: 'vandelay', status: 500, counts: slots({ 0: 3 }) }]);
    (other.resourceMetrics[0]!.resource.attributes[0]!.value as { stringValue: string }).stringValue =
      'billing';
    await sendPoints(other);
    await sendPoints(sliRequest([{ tenant: 'vandelay', status: 200, counts: slots({ 0: 1 }) }]));
    await waitFor(async () => (await rollups('vandelay')).requests > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(await rollups('vandelay')).toMatchObject({ requests: 1, errors: 0 });
  });

  it('counts nothing from SLI points that are malformed or hostile, and still answers the export', async () => {
    type Metric = {
      name: string;
      unit: string;
      histogram: { aggregationTemporality: number; dataPoints: { attributes: { value: unknown }[] }[] };
    };
    const body = sliRequest([
      { tenant: 'wayne', status: 200, counts: slots({ 0: 2 }) },
      { tenant: 'wayne', status: 200, counts: slots({ 0: 2 }) },
      { tenant: 'wayne', status: 200, counts: slots({ 0: 2 }) },
      { tenant: 'wayne', status: 200, counts: slots({ 0: 2 }) },
    ]) as unknown as { resourceMetrics: { scopeMetrics: { metrics: Metric[] }[] }[] };
    const metrics = body.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
    const metric = metrics[0]!;
    const [injected, cumulative, renamed, minutes] = metric.histogram.dataPoints;
    // A status that is no status code, a cumulative point, another metric's name and a unit the bounds do not fit.
    injected!.attributes[1]!.value = { stringValue: "200' OR 1=1" };
    metric.histogram.dataPoints = [injected!];
    metrics.push(
      { ...metric, histogram: { aggregationTemporality: 2, dataPoints: [cumulative!] } },
      {
        ...metric,
        name: 'http.client.request.duration',
        histogram: { ...metric.histogram, dataPoints: [renamed!] },
      },
      { ...metric, unit: 'min', histogram: { ...metric.histogram, dataPoints: [minutes!] } },
    );
    const res = await postOtlp(c.base, 'metrics', JSON.stringify(body), {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(200);
    await sendPoints(sliRequest([{ tenant: 'wayne', status: 200, counts: slots({ 0: 1 }) }]));
    await waitFor(async () => (await rollups('wayne')).requests > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(await rollups('wayne')).toMatchObject({ requests: 1, errors: 0 });
  });

  it('puts a point with other bounds under the first rollup bound at or above each of its bounds, never faster', async () => {
    // Bounds 7 ms, 60 ms, 400 ms: counted under 10, 100 and 500 ms; the overflow stays +Inf.
    await sendPoints(
      sliRequest([{ tenant: 'stark', status: 200, counts: [1, 2, 3, 4], bounds: [0.007, 0.06, 0.4] }]),
    );
    const agg = await waitFor(async () => {
      const a = await rollups('stark');
      return a.requests > 0 ? a : null;
    });
    const at = (ms: number) => LATENCY_BUCKETS_MS.indexOf(ms as (typeof LATENCY_BUCKETS_MS)[number]);
    expect(agg.latencyBuckets).toEqual(
      slots({ [at(10)]: 1, [at(100)]: 2, [at(500)]: 3, [LATENCY_BUCKETS_MS.length]: 4 }),
    );
  });
});

describe('the internal API', () => {
  it.each([
    ['/internal/v1/rollups/acme?window=5m'],
    [`/internal/v1/traces/${FIXTURE_TRACE_ID}`],
    ['/internal/v1/events'],
  ])('refuses %s without a token or with a wrong one', async (route) => {
    const missing = await internalGet(c.base, route, null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const wrong = await internalGet(c.base, route, 'not-the-internal-token');
    expect(wrong.status).toBe(401);
    const basic = await fetch(`${c.base}${route}`, { headers: { authorization: `Basic ${TEST_TOKEN}` } });
    expect(basic.status).toBe(401);
  });
});

describe('rollup flushes across replicas', () => {
  it('announces a flush of one replica on the event stream of another, once, so an api follows every tenant', async () => {
    const other = await startTestCollector({ SLI_SERVICES: 'gateway, auth' }, {}, c.db);
    const onOther = await openEvents(other.base);
    const onThis = await openEvents(c.base);
    try {
      // Let the other replica's listener settle before the flush it must hear about.
      await new Promise((r) => setTimeout(r, 300));
      await sendSpans('gateway', [serverSpan(200, 3, { 'tenant.id': { stringValue: 'umbrella' } })]);
      const heard = (s: { events: RollupsFlushedEvent[] }) =>
        s.events.filter((e) => e.tenants.includes('umbrella'));
      await waitFor(() => heard(onOther).length > 0 && heard(onThis).length > 0, 5_000);
      await new Promise((r) => setTimeout(r, 500));
      // This replica announces its own flush once, not again when its own notification comes back.
      expect(heard(onThis)).toHaveLength(1);
      expect(heard(onOther)).toHaveLength(1);
    } finally {
      onOther.close();
      onThis.close();
      await other.close();
    }
  });
});

describe('the rollup accumulator while flushes keep failing', () => {
  const span = (tenantId: string, endUnixMs: number): SpanRecord => ({
    traceId: hex(16),
    spanId: hex(8),
    parentSpanId: null,
    tenantId,
    service: 'gateway',
    name: 'GET /api/orders',
    kind: 2,
    startTime: new Date(endUnixMs - 5).toISOString(),
    endTime: new Date(endUnixMs).toISOString(),
    startUnixNano: `${endUnixMs - 5}000000`,
    endUnixNano: `${endUnixMs}000000`,
    endUnixMs,
    durationMs: 5,
    statusCode: 0,
    statusMessage: null,
    attributes: { 'http.response.status_code': 200 },
    resource: {},
  });

  it('holds at most ROLLUP_MAX_PENDING deltas, drops the oldest buckets first and reports the requests they counted', () => {
    const drops: { deltas: number; requests: number }[] = [];
    const acc = new RollupAccumulator(['gateway'], {
      maxPending: 100,
      onDrop: (deltas, requests) => drops.push({ deltas, requests }),
    });
    const t0 = Date.UTC(2026, 10, 26, 12, 0, 0);
    // 150 buckets of 10 s, two requests each, with a flush every bucket that fails and hands its deltas back.
    for (let b = 0; b < 150; b++) {
      acc.add([span('acme', t0 + b * 10_000), span('acme', t0 + b * 10_000 + 1)]);
      acc.restore(acc.take());
    }
    expect(acc.size).toBeLessThanOrEqual(100);
    const kept = acc.take().map((d) => d.bucketStartMs);
    const dropped = drops.reduce((n, d) => n + d.deltas, 0);
    expect(kept.length + dropped).toBe(150);
    expect(drops.reduce((n, d) => n + d.requests, 0)).toBe(2 * dropped);
    // What is kept is the newest stretch of buckets, with nothing missing inside it.
    expect(Math.max(...kept)).toBe(t0 + 149 * 10_000);
    expect(Math.min(...kept)).toBe(t0 + (150 - kept.length) * 10_000);
  });

  it('drops nothing while under the bound', () => {
    const onDrop = jest.fn();
    const acc = new RollupAccumulator(['gateway'], { maxPending: 100, onDrop });
    for (let b = 0; b < 100; b++) acc.add([span(`t${b}`, Date.now())]);
    acc.restore(acc.take());
    expect(acc.size).toBe(100);
    expect(onDrop).not.toHaveBeenCalled();
  });
});
