import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import type { RollupAggregate, Tenant, Tier } from '@sightline/contracts';
import { computeSla } from '../src/sla/computeSla';
import { histogramQuantile } from '../src/sla/histogramQuantile';

const NOW = new Date('2026-03-01T12:00:00.000Z');

function tenant(tier: Tier): Tenant {
  return { id: 'acme', name: 'Acme', tier, timezone: 'UTC' };
}

/** buckets builds a histogram from {boundOrInf: count}. */
function buckets(counts: Record<string, number>): number[] {
  const out = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  for (const [bound, count] of Object.entries(counts)) {
    const i =
      bound === 'inf'
        ? LATENCY_BUCKETS_MS.length
        : LATENCY_BUCKETS_MS.indexOf(Number(bound) as (typeof LATENCY_BUCKETS_MS)[number]);
    out[i] = count;
  }
  return out;
}

function aggregate(a: Partial<RollupAggregate>): RollupAggregate {
  return {
    tenantId: 'acme',
    from: '2026-03-01T11:55:00.000Z',
    to: '2026-03-01T12:00:00.000Z',
    requests: 0,
    errors: 0,
    rateLimited: 0,
    latencyBuckets: buckets({}),
    ...a,
  };
}

describe('computeSla availability and error budget', () => {
  it.each([
    {
      name: 'reports 99 % availability for 10 errors in 1000 requests, which overspends a free tier budget exactly to 0',
      input: { requests: 1000, errors: 10, rateLimited: 0 },
      tier: 'free' as Tier,
      availability: 0.99,
      budget: 0,
    },
    {
      name: 'does not count 429s as errors: 100 requests with 50 rate-limited and 5 errors give 90 %',
      input: { requests: 100, errors: 5, rateLimited: 50 },
      tier: 'free' as Tier,
      availability: 0.9,
      budget: -9,
    },
    {
      name: 'reports 100 % and an untouched budget when every request was rate-limited but one succeeded',
      input: { requests: 1000, errors: 0, rateLimited: 999 },
      tier: 'pro' as Tier,
      availability: 1,
      budget: 1,
    },
    {
      name: 'leaves half the enterprise budget (99.95 %) at 99.975 % availability',
      input: { requests: 40000, errors: 10, rateLimited: 0 },
      tier: 'enterprise' as Tier,
      availability: 0.99975,
      budget: 0.5,
    },
    {
      name: 'reports a budget of −1 when a pro tenant (99.9 %) runs at 99.8 %',
      input: { requests: 1000, errors: 2, rateLimited: 0 },
      tier: 'pro' as Tier,
      availability: 0.998,
      budget: -1,
    },
  ])('$name', ({ input, tier, availability, budget }) => {
    const sla = computeSla(aggregate(input), tenant(tier), '1h', NOW);
    expect(sla.availability).toBeCloseTo(availability, 10);
    expect(sla.errorBudgetRemaining).toBeCloseTo(budget, 6);
  });

  it('reports null availability and a null budget when every request was rate-limited', () => {
    const sla = computeSla(aggregate({ requests: 50, rateLimited: 50 }), tenant('pro'), '5m', NOW);
    expect(sla.availability).toBeNull();
    expect(sla.errorBudgetRemaining).toBeNull();
    expect(sla.rateLimited).toBe(50);
  });

  it('reports null availability, latency and budget for a tenant with no traffic at all', () => {
    const sla = computeSla(aggregate({}), tenant('free'), '30d', NOW);
    expect(sla).toMatchObject({
      availability: null,
      errorBudgetRemaining: null,
      latencyMs: { p50: null, p95: null, p99: null },
    });
  });

  it.each([
    ['free', 0.99],
    ['pro', 0.999],
    ['enterprise', 0.9995],
  ] as const)('reports the %s tier objective as %d', (tier, objective) => {
    expect(computeSla(aggregate({ requests: 1 }), tenant(tier), '5m', NOW).objective).toBe(objective);
  });

  it('copies the window, counts and bounds of the aggregate and stamps updatedAt with now', () => {
    const sla = computeSla(aggregate({ requests: 7, errors: 1, rateLimited: 2 }), tenant('pro'), '1d', NOW);
    expect(sla).toMatchObject({
      tenantId: 'acme',
      tier: 'pro',
      window: '1d',
      from: '2026-03-01T11:55:00.000Z',
      to: '2026-03-01T12:00:00.000Z',
      requests: 7,
      errors: 1,
      rateLimited: 2,
      updatedAt: NOW.toISOString(),
    });
  });
});

describe('computeSla latency percentiles', () => {
  it.each([
    {
      name: 'interpolates inside the first bucket from 0 ms: 100 requests under 5 ms put p50 at 2.5 ms',
      counts: { 5: 100 },
      p50: 2.5,
      p95: 4.75,
      p99: 4.95,
    },
    {
      name: 'interpolates between bucket bounds: 100 requests in 100–250 ms put p50 at 175 ms',
      counts: { 250: 100 },
      p50: 175,
      p95: 242.5,
      p99: 248.5,
    },
    {
      name: 'finds the tail bucket: 90 fast requests and 10 in 1–2.5 s put p95 at 1750 ms',
      counts: { 10: 90, 2500: 10 },
      p50: 5 + 5 * (50 / 90),
      p95: 1750,
      p99: 2350,
    },
    {
      name: 'reports the last finite bound (10 s) when a percentile falls in the +Inf bucket',
      counts: { 50: 50, inf: 50 },
      p50: 50,
      p95: 10000,
      p99: 10000,
    },
  ] as { name: string; counts: Record<string, number>; p50: number; p95: number; p99: number }[])(
    '$name',
    ({ counts, p50, p95, p99 }) => {
      const sla = computeSla(
        aggregate({ requests: 100, latencyBuckets: buckets(counts) }),
        tenant('pro'),
        '5m',
        NOW,
      );
      expect(sla.latencyMs.p50).toBeCloseTo(p50, 2);
      expect(sla.latencyMs.p95).toBeCloseTo(p95, 2);
      expect(sla.latencyMs.p99).toBeCloseTo(p99, 2);
    },
  );

  it('returns null for an empty histogram and tolerates a histogram shorter than the bounds', () => {
    expect(histogramQuantile(0.5, [], LATENCY_BUCKETS_MS)).toBeNull();
    expect(histogramQuantile(0.5, [0, 4], LATENCY_BUCKETS_MS)).toBe(7.5);
  });
});
