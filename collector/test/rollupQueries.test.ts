import { randomBytes } from 'node:crypto';
import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import { waitFor } from '@sightline/testing';
import pg from 'pg';
import type { TestCollector } from './collectorHarness';
import {
  TEST_TOKEN,
  internalGet,
  jsonSpan,
  postOtlp,
  startTestCollector,
  traceRequest,
} from './collectorHarness';

const SLOTS = LATENCY_BUCKETS_MS.length + 1;
const zeroes = (): number[] => new Array<number>(SLOTS).fill(0);
const slot = (i: number, n: number): number[] => zeroes().map((v, j) => (j === i ? n : v));
const zeroSums = { requests: 0, errors: 0, rateLimited: 0, latencyBuckets: zeroes() };
const ALL_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '7d', '28d', '30d'];

interface Sums {
  requests: number;
  errors: number;
  rateLimited: number;
  latencyBuckets: number[];
}
interface WindowsBody {
  tenantId: string;
  to: string;
  windows: Record<string, Sums>;
}
interface SeriesBody {
  tenantId: string;
  from: string;
  to: string;
  step: string;
  points: (Sums & { t: string })[];
}

let c: TestCollector;
let pool: pg.Pool;
beforeAll(async () => {
  c = await startTestCollector();
  pool = new pg.Pool({ connectionString: c.db.url, max: 2 });
});
afterAll(async () => {
  await pool.end();
  await c.close();
});

/** seed writes one 10 s rollup bucket straight into the table the endpoints read. */
async function seed(
  tenant: string,
  startMs: number,
  counts: Partial<Sums> & { requests: number },
): Promise<void> {
  const aligned = Math.floor(startMs / 10_000) * 10_000;
  await pool.query(
    `INSERT INTO collector.sli_rollups (tenant_id, bucket_start, requests, errors, rate_limited, latency_buckets)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      tenant,
      new Date(aligned).toISOString(),
      counts.requests,
      counts.errors ?? 0,
      counts.rateLimited ?? 0,
      counts.latencyBuckets ?? slot(0, counts.requests),
    ],
  );
}

async function getJson<T>(route: string): Promise<T> {
  const res = await internalGet(c.base, route);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function expectBadRequest(route: string, reason: RegExp): Promise<void> {
  const res = await internalGet(c.base, route);
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { status: number; detail: string };
  expect(body.status).toBe(400);
  expect(body.detail).toMatch(reason);
}

describe('GET /internal/v1/rollups/:tenant/windows', () => {
  it('sums every requested window at one instant, each over the buckets since to − window, leaving the future and other tenants out', async () => {
    const now = Date.now();
    const min = 60_000;
    const hour = 60 * min;
    const day = 24 * hour;
    await seed('win', now - 2 * min, { requests: 1, errors: 1, latencyBuckets: slot(0, 1) });
    await seed('win', now - 20 * min, { requests: 2, rateLimited: 2, latencyBuckets: slot(3, 2) });
    await seed('win', now - 90 * min, { requests: 4, latencyBuckets: slot(SLOTS - 1, 4) });
    await seed('win', now - 5 * hour, { requests: 8 });
    await seed('win', now - 20 * hour, { requests: 16 });
    await seed('win', now - 2 * day, { requests: 32 });
    await seed('win', now - 6 * day, { requests: 64 });
    await seed('win', now - 27 * day, { requests: 128 });
    await seed('win', now - 29 * day, { requests: 256 });
    await seed('win', now - 40 * day, { requests: 512 });
    await seed('win', now + hour, { requests: 1024 });
    await seed('win-other', now - 2 * min, { requests: 2048 });

    const before = Date.now();
    const body = await getJson<WindowsBody>(
      `/internal/v1/rollups/win/windows?windows=${ALL_WINDOWS.join(',')}`,
    );
    expect(body.tenantId).toBe('win');
    expect(Date.parse(body.to)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(body.to)).toBeLessThanOrEqual(Date.now());
    expect(Object.keys(body.windows)).toEqual(ALL_WINDOWS);
    const requests = Object.fromEntries(ALL_WINDOWS.map((w) => [w, body.windows[w]!.requests]));
    expect(requests).toEqual({
      '5m': 1,
      '30m': 3,
      '1h': 3,
      '2h': 7,
      '6h': 15,
      '1d': 31,
      '3d': 63,
      '7d': 127,
      '28d': 255,
      '30d': 511,
    });
    expect(body.windows['30m']).toEqual({
      requests: 3,
      errors: 1,
      rateLimited: 2,
      latencyBuckets: zeroes().map((_, i) => (i === 0 ? 1 : i === 3 ? 2 : 0)),
    });
    expect(body.windows['2h']!.latencyBuckets[SLOTS - 1]).toBe(4);
    expect(body.windows['30d']!.latencyBuckets).toHaveLength(SLOTS);
  });

  it('answers zeroes and a zero-filled histogram of LATENCY_BUCKETS_MS.length + 1 slots for a tenant without data, in the order asked', async () => {
    const body = await getJson<WindowsBody>('/internal/v1/rollups/nobody/windows?windows=30d,5m');
    expect(body).toEqual({
      tenantId: 'nobody',
      to: expect.any(String),
      windows: { '30d': zeroSums, '5m': zeroSums },
    });
    expect(Object.keys(body.windows)).toEqual(['30d', '5m']);
  });

  it('counts gateway server spans sent over OTLP once their rollups are flushed', async () => {
    const span = jsonSpan({
      traceId: randomBytes(16).toString('hex'),
      spanId: randomBytes(8).toString('hex'),
      startMs: Date.now() - 30,
      durationMs: 30,
      attributes: {
        'http.response.status_code': { intValue: 503 },
        'tenant.id': { stringValue: 'otlp-win' },
      },
    });
    const res = await postOtlp(c.base, 'traces', JSON.stringify(traceRequest('gateway', [span])), {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(200);
    const body = await waitFor(async () => {
      const b = await getJson<WindowsBody>('/internal/v1/rollups/otlp-win/windows?windows=5m,1h');
      return b.windows['5m']!.requests > 0 ? b : undefined;
    });
    expect(body.windows['5m']).toEqual({
      requests: 1,
      errors: 1,
      rateLimited: 0,
      latencyBuckets: slot(3, 1),
    });
    expect(body.windows['1h']).toEqual(body.windows['5m']);
  });

  it('refuses requests without the internal token or with a wrong one', async () => {
    expect((await internalGet(c.base, '/internal/v1/rollups/win/windows?windows=5m', null)).status).toBe(401);
    expect(
      (await internalGet(c.base, '/internal/v1/rollups/win/windows?windows=5m', 'wrong-token')).status,
    ).toBe(401);
    const lower = await fetch(`${c.base}/internal/v1/rollups/win/windows?windows=5m`, {
      headers: { authorization: `bearer ${TEST_TOKEN}` },
    });
    expect(lower.status).toBe(401);
  });

  it.each([
    ['an upper-case tenant', '/internal/v1/rollups/ACME/windows?windows=5m', /tenant/],
    ['a 64-character tenant', `/internal/v1/rollups/${'a'.repeat(64)}/windows?windows=5m`, /tenant/],
    ['a tenant with an encoded slash', '/internal/v1/rollups/a%2Fb/windows?windows=5m', /tenant/],
    ['no windows parameter', '/internal/v1/rollups/win/windows', /windows is required/],
    ['an empty windows parameter', '/internal/v1/rollups/win/windows?windows=', /windows is required/],
    ['an empty entry', '/internal/v1/rollups/win/windows?windows=5m,,1h', /window "" is not one of/],
    ['an unknown window', '/internal/v1/rollups/win/windows?windows=5m,4m', /window "4m" is not one of/],
    [
      'a window in the wrong case',
      '/internal/v1/rollups/win/windows?windows=5M',
      /window "5M" is not one of/,
    ],
    ['a prototype key as a window', '/internal/v1/rollups/win/windows?windows=__proto__', /is not one of/],
    ['a repeated window', '/internal/v1/rollups/win/windows?windows=5m,1h,5m', /window 5m is repeated/],
    [
      'eleven windows',
      `/internal/v1/rollups/win/windows?windows=${[...ALL_WINDOWS, '5m'].join(',')}`,
      /at most 10/,
    ],
    [
      'a repeated parameter',
      '/internal/v1/rollups/win/windows?windows=5m&windows=1h',
      /windows must be given once/,
    ],
    [
      'an unknown parameter',
      '/internal/v1/rollups/win/windows?windows=5m&window=1h',
      /unknown parameter window/,
    ],
    [
      'a bracketed parameter',
      '/internal/v1/rollups/win/windows?windows[]=5m',
      /unknown parameter windows\[\]/,
    ],
    [
      'SQL in a window',
      `/internal/v1/rollups/win/windows?windows=${encodeURIComponent("5m');DROP TABLE collector.sli_rollups;--")}`,
      /is not one of/,
    ],
    [
      'an 8 kB windows value',
      `/internal/v1/rollups/win/windows?windows=${'5m,'.repeat(2_700)}5m`,
      /at most 10/,
    ],
  ])('answers 400 with the reason for %s', async (_name, route, reason) => {
    await expectBadRequest(route, reason);
  });

  it('still serves sums after hostile input, so nothing reached the SQL text', async () => {
    const body = await getJson<WindowsBody>('/internal/v1/rollups/win/windows?windows=5m');
    expect(body.windows['5m']!.requests).toBe(1);
  });
});

describe('GET /internal/v1/rollups/:tenant/series', () => {
  const base = Date.parse('2024-03-01T10:00:00.000Z');
  beforeAll(async () => {
    await seed('ser', base - 10_000, { requests: 100 }); // before from: left out
    await seed('ser', base, { requests: 1, errors: 1, latencyBuckets: slot(2, 1) }); // exactly from: in
    await seed('ser', base + 50_000, { requests: 2, rateLimited: 1, latencyBuckets: slot(5, 2) });
    await seed('ser', base + 60_000, { requests: 4 });
    await seed('ser', base + 3 * 60_000 + 20_000, { requests: 8 });
    await seed('ser', base + 10 * 60_000, { requests: 1000 }); // exactly to: left out
    await seed('ser-other', base + 60_000, { requests: 5000 });
  });

  it('sums buckets in [from, to) per epoch-aligned step and returns only the steps that have data', async () => {
    const body = await getJson<SeriesBody>(
      '/internal/v1/rollups/ser/series?from=2024-03-01T10:00:00Z&to=2024-03-01T10:10:00Z&step=1m',
    );
    expect(body).toEqual({
      tenantId: 'ser',
      from: '2024-03-01T10:00:00.000Z',
      to: '2024-03-01T10:10:00.000Z',
      step: '1m',
      points: [
        {
          t: '2024-03-01T10:00:00.000Z',
          requests: 3,
          errors: 1,
          rateLimited: 1,
          latencyBuckets: zeroes().map((_, i) => (i === 2 ? 1 : i === 5 ? 2 : 0)),
        },
        { t: '2024-03-01T10:01:00.000Z', requests: 4, errors: 0, rateLimited: 0, latencyBuckets: slot(0, 4) },
        { t: '2024-03-01T10:03:00.000Z', requests: 8, errors: 0, rateLimited: 0, latencyBuckets: slot(0, 8) },
      ],
    });
  });

  it('labels a partial first step with its aligned start, reads zone offsets, and aligns days to UTC midnight', async () => {
    const partial = await getJson<SeriesBody>(
      '/internal/v1/rollups/ser/series?from=2024-03-01T12:00:30%2B02:00&to=2024-03-01T12:05:00%2B02:00&step=5m',
    );
    expect(partial.from).toBe('2024-03-01T10:00:30.000Z');
    expect(partial.points).toEqual([
      {
        t: '2024-03-01T10:00:00.000Z',
        requests: 14,
        errors: 0,
        rateLimited: 1,
        latencyBuckets: expect.any(Array),
      },
    ]);
    const daily = await getJson<SeriesBody>(
      '/internal/v1/rollups/ser/series?from=2024-02-28T00:00:00Z&to=2024-03-05T00:00:00Z&step=1d',
    );
    expect(daily.points.map((p) => [p.t, p.requests])).toEqual([['2024-03-01T00:00:00.000Z', 1115]]);
  });

  it('answers an empty list of points for a range without data', async () => {
    const body = await getJson<SeriesBody>(
      '/internal/v1/rollups/ser/series?from=2023-01-01T00:00:00Z&to=2023-01-01T01:00:00Z&step=10s',
    );
    expect(body.points).toEqual([]);
  });

  it('accepts exactly 2000 steps and refuses 2001', async () => {
    const ok = await getJson<SeriesBody>(
      '/internal/v1/rollups/ser/series?from=2024-03-01T00:00:00Z&to=2024-03-01T05:33:20Z&step=10s',
    );
    expect(ok.step).toBe('10s');
    await expectBadRequest(
      '/internal/v1/rollups/ser/series?from=2024-03-01T00:00:00Z&to=2024-03-01T05:33:21Z&step=10s',
      /2001 steps of 10s; at most 2000/,
    );
  });

  it('refuses requests without the internal token', async () => {
    const route = '/internal/v1/rollups/ser/series?from=2024-03-01T10:00:00Z&to=2024-03-01T10:10:00Z&step=1m';
    expect((await internalGet(c.base, route, null)).status).toBe(401);
    expect((await internalGet(c.base, route, 'not-the-token')).status).toBe(401);
  });

  const ok = 'from=2024-03-01T10:00:00Z&to=2024-03-01T11:00:00Z';
  it.each([
    ['a malformed tenant', `/internal/v1/rollups/Bad!/series?${ok}&step=1m`, /tenant/],
    ['no step', `/internal/v1/rollups/ser/series?${ok}`, /step is required/],
    [
      'an unknown step',
      `/internal/v1/rollups/ser/series?${ok}&step=2m`,
      /step is required: one of 10s, 1m, 5m, 1h, 1d/,
    ],
    ['a prototype key as step', `/internal/v1/rollups/ser/series?${ok}&step=constructor`, /step is required/],
    ['no from', '/internal/v1/rollups/ser/series?to=2024-03-01T11:00:00Z&step=1m', /from is required/],
    ['no to', '/internal/v1/rollups/ser/series?from=2024-03-01T11:00:00Z&step=1m', /to is required/],
    [
      'a timestamp without a zone',
      '/internal/v1/rollups/ser/series?from=2024-03-01T10:00:00&to=2024-03-01T11:00:00Z&step=1m',
      /from must be an ISO 8601 timestamp with a zone/,
    ],
    [
      'epoch seconds',
      '/internal/v1/rollups/ser/series?from=1709287200&to=2024-03-01T11:00:00Z&step=1m',
      /from must be/,
    ],
    [
      'a date only',
      '/internal/v1/rollups/ser/series?from=2024-03-01&to=2024-03-01T11:00:00Z&step=1m',
      /from must be/,
    ],
    [
      'February 30',
      '/internal/v1/rollups/ser/series?from=2024-02-30T00:00:00Z&to=2024-03-01T11:00:00Z&step=1h',
      /from must be/,
    ],
    [
      'hour 24',
      '/internal/v1/rollups/ser/series?from=2024-03-01T10:00:00Z&to=2024-03-01T24:00:00Z&step=1m',
      /to must be/,
    ],
    [
      'a leap second',
      '/internal/v1/rollups/ser/series?from=2024-03-01T10:00:60Z&to=2024-03-01T11:00:00Z&step=1m',
      /from must be/,
    ],
    [
      'a 40+ character timestamp',
      `/internal/v1/rollups/ser/series?from=2024-03-01T10:00:00.${'0'.repeat(40)}Z&to=2024-03-01T11:00:00Z&step=1m`,
      /from must be/,
    ],
    [
      'from equal to to',
      '/internal/v1/rollups/ser/series?from=2024-03-01T10:00:00Z&to=2024-03-01T10:00:00Z&step=1m',
      /from must be before to/,
    ],
    [
      'from after to',
      '/internal/v1/rollups/ser/series?from=2024-03-01T11:00:00Z&to=2024-03-01T10:00:00Z&step=1m',
      /from must be before to/,
    ],
    [
      'a year of 10 s steps',
      '/internal/v1/rollups/ser/series?from=2023-03-01T00:00:00Z&to=2024-03-01T00:00:00Z&step=10s',
      /at most 2000/,
    ],
    ['a repeated step', `/internal/v1/rollups/ser/series?${ok}&step=1m&step=1h`, /step must be given once/],
    [
      'an unknown parameter',
      `/internal/v1/rollups/ser/series?${ok}&step=1m&tenant=other`,
      /unknown parameter tenant/,
    ],
    [
      'SQL in from',
      `/internal/v1/rollups/ser/series?from=${encodeURIComponent("2024-03-01T10:00:00Z' OR 1=1--")}&to=2024-03-01T11:00:00Z&step=1m`,
      /from must be/,
    ],
  ])('answers 400 with the reason for %s', async (_name, route, reason) => {
    await expectBadRequest(route, reason);
  });
});
