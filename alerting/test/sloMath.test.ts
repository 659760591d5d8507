import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import { BURN_RATE_POLICY, SLI_WINDOWS, burnRateFactor, defaultAlerting } from '@sightline/slo';
import type { SloPeriod } from '@sightline/slo';
import { AlertTransitions } from '../src/slo/AlertTransitions';
import { burnAlertIdentity } from '../src/slo/burnAlertIdentity';
import { computeSloStatus } from '../src/slo/math/computeSloStatus';
import { evaluateBurnAlerts } from '../src/slo/math/evaluateBurnAlerts';
import type { WindowSums } from '../src/slo/rollups/RollupWindows';
import type { EvaluableSlo } from '../src/slo/EvaluableSlo';

const hist = (counts: Partial<Record<number, number>> = {}): number[] =>
  [...LATENCY_BUCKETS_MS, Infinity].map((b) => counts[b] ?? 0);

function def(over: Partial<EvaluableSlo> = {}): EvaluableSlo {
  return {
    tenant: 'acme',
    slo: 'availability',
    service: 'gateway',
    description: 'test',
    objective: 0.999,
    period: '30d',
    sli: { errorQuery: 'e[{{.window}}]', totalQuery: 't[{{.window}}]' },
    rollupSli: { kind: 'availability' },
    minEvents: Object.fromEntries(SLI_WINDOWS.map((w) => [w, 10])) as EvaluableSlo['minEvents'],
    alerting: defaultAlerting(),
    source: { kind: 'tier', file: 'tenants.yaml' },
    ...over,
  };
}

/** same sums in every window, as when all traffic is recent. */
function everywhere(sums: Partial<WindowSums>, period: SloPeriod = '30d'): Record<string, WindowSums> {
  const full = { requests: 0, errors: 0, rateLimited: 0, latencyBuckets: hist(), ...sums };
  return Object.fromEntries([...SLI_WINDOWS, period].map((w) => [w, full]));
}

const firingTiers = (d: EvaluableSlo, sums: Record<string, WindowSums>): string[] =>
  evaluateBurnAlerts(d, computeSloStatus(d, sums))
    .filter((c) => c.active)
    .map((c) => c.policy.burnrateTier);

describe('burn-rate maths', () => {
  it('computes a burn rate of 10 when 1 % of requests fail against a 99.9 % objective', () => {
    const s = computeSloStatus(def(), everywhere({ requests: 1000, errors: 10 }));
    expect(s.windows['5m'].errorRatio).toBeCloseTo(0.01, 12);
    expect(s.windows['5m'].burnRate).toBeCloseTo(10, 9);
    expect(s.errorBudgetRemaining).toBeCloseTo(-9, 9);
    expect(s.sli).toBeCloseTo(0.99, 12);
  });

  it('leaves 429 responses out of both the errors and the valid events', () => {
    const s = computeSloStatus(def(), everywhere({ requests: 1500, errors: 10, rateLimited: 500 }));
    expect(s.windows['1h'].validEvents).toBe(1000);
    expect(s.windows['1h'].burnRate).toBeCloseTo(10, 9);
  });

  it('reports no ratio and no budget figure for a window without valid events', () => {
    const s = computeSloStatus(def(), everywhere({ requests: 50, rateLimited: 50 }));
    expect(s.windows['5m'].errorRatio).toBeNull();
    expect(s.errorBudgetRemaining).toBeNull();
    expect(s.timeToExhaustionSeconds).toBeNull();
    expect(firingTiers(def(), everywhere({ requests: 50, rateLimited: 50 }))).toEqual([]);
  });

  it('counts a latency SLI as the requests above the threshold bucket out of all requests', () => {
    const d = def({
      slo: 'latency',
      objective: 0.99,
      rollupSli: { kind: 'latency', thresholdMs: 300, boundMs: 300 },
    });
    // The 20 requests of 250–300 ms meet the enterprise 300 ms contract and are good events.
    const latencyBuckets = hist({ 100: 900, 250: 40, 300: 20, 500: 30, 1000: 10 });
    const s = computeSloStatus(d, everywhere({ requests: 1000, latencyBuckets }));
    expect(s.windows['5m'].validEvents).toBe(1000);
    expect(s.windows['5m'].badEvents).toBe(40);
    expect(s.windows['5m'].burnRate).toBeCloseTo(4, 9);
    expect(firingTiers(d, everywhere({ latencyBuckets }))).toEqual(['ticket-fast', 'ticket-slow']);
  });
});

describe('burn-rate alert table', () => {
  it.each([
    ['30d', [14.4, 6, 3, 1]],
    ['28d', [13.44, 5.6, 2.8, 0.933333]],
    ['7d', [3.36, 1.4, 0.7, 0.233333]],
  ] as const)(
    'scales the factors for a %s period exactly as the rules generator prints them',
    (period, factors) => {
      expect(BURN_RATE_POLICY.map((p) => burnRateFactor(p, period))).toEqual(factors);
    },
  );

  it('pages at 14.4× over 1h and 5m for a 99.9 % SLO, and not just under it', () => {
    const d = def({ objective: 0.999 });
    expect(firingTiers(d, everywhere({ requests: 10000, errors: 145 }))).toEqual([
      'page-fast',
      'page-slow',
      'ticket-fast',
      'ticket-slow',
    ]);
    expect(firingTiers(d, everywhere({ requests: 10000, errors: 144 }))).toEqual([
      'page-slow',
      'ticket-fast',
      'ticket-slow',
    ]);
  });

  it('fires ticket-slow at a 0.3× burn over a 7d period, which a 30d period would ignore', () => {
    const sums = (p: SloPeriod) => everywhere({ requests: 10000, errors: 3 }, p);
    expect(firingTiers(def({ period: '7d' }), sums('7d'))).toEqual(['ticket-slow']);
    expect(firingTiers(def({ period: '30d' }), sums('30d'))).toEqual([]);
  });

  it('requires both windows to burn: a spike only in the last 5 minutes does not page', () => {
    const sums = everywhere({ requests: 100000, errors: 0 });
    sums['5m'] = { requests: 1000, errors: 500, rateLimited: 0, latencyBuckets: hist() };
    expect(firingTiers(def(), sums)).toEqual([]);
  });

  it('holds back an alert while a window has fewer valid events than the low-traffic guard asks', () => {
    const d = def();
    expect(firingTiers(d, everywhere({ requests: 9, errors: 9 }))).toEqual([]);
    const checks = evaluateBurnAlerts(d, computeSloStatus(d, everywhere({ requests: 9, errors: 9 })));
    expect(checks.every((c) => c.guarded)).toBe(true);
    expect(firingTiers(d, everywhere({ requests: 10, errors: 9 }))).toHaveLength(4);
    const noGuard = def({
      minEvents: Object.fromEntries(SLI_WINDOWS.map((w) => [w, 0])) as EvaluableSlo['minEvents'],
    });
    expect(firingTiers(noGuard, everywhere({ requests: 1, errors: 1 }))).toHaveLength(4);
  });
});

describe('time to exhaustion', () => {
  it('divides the budget left by the 1h burn rate over the period', () => {
    const sums = everywhere({ requests: 100000, errors: 50 });
    sums['1h'] = { requests: 1000, errors: 2, rateLimited: 0, latencyBuckets: hist() };
    const s = computeSloStatus(def(), sums);
    expect(s.errorBudgetRemaining).toBeCloseTo(0.5, 9);
    expect(s.windows['1h'].burnRate).toBeCloseTo(2, 9);
    expect(s.timeToExhaustionSeconds).toBe(Math.round((0.5 * 30 * 86400) / 2));
  });

  it('is zero once the budget is spent and null while nothing burns', () => {
    expect(computeSloStatus(def(), everywhere({ requests: 1000, errors: 5 })).timeToExhaustionSeconds).toBe(
      0,
    );
    expect(
      computeSloStatus(def(), everywhere({ requests: 1000, errors: 0 })).timeToExhaustionSeconds,
    ).toBeNull();
  });
});

describe('alert transitions', () => {
  const d = def();
  const check = evaluateBurnAlerts(d, computeSloStatus(d, everywhere({ requests: 1000, errors: 100 })))[0]!;
  const identity = burnAlertIdentity(d, check);

  it('labels an alert exactly as the Prometheus rule does', () => {
    expect(identity.labels).toEqual({
      alertname: 'SloErrorBudgetBurn',
      severity: 'page',
      burnrate_tier: 'page-fast',
      tenant: 'acme',
      slo: 'availability',
    });
    expect(identity.annotations.burn_rate_factor).toBe('14.4');
  });

  it('emits firing once, nothing while it keeps firing, then resolved with the same fingerprint', () => {
    const t = new AlertTransitions();
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    const fired = t.observe([{ identity, active: true, longBurnRate: 100, shortBurnRate: 100 }], at(0));
    expect(fired.map((e) => e.state)).toEqual(['firing']);
    expect(t.observe([{ identity, active: true, longBurnRate: 90, shortBurnRate: 90 }], at(10))).toEqual([]);
    expect(t.firingFor('acme')).toHaveLength(1);
    const resolved = t.observe([{ identity, active: false, longBurnRate: 1, shortBurnRate: 0 }], at(20));
    expect(resolved).toEqual([
      expect.objectContaining({
        state: 'resolved',
        fingerprint: fired[0]!.fingerprint,
        startsAt: at(0).toISOString(),
        endsAt: at(20).toISOString(),
      }),
    ]);
    expect(t.firingFor('acme')).toEqual([]);
  });
});
