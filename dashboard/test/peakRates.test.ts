import { peakRates } from '../lib/peakRates';
import { rateLimitedShare } from '../lib/rateLimitedShare';
import type { SlaHistory } from '../lib/sloApiShapes';

const history = (step: string, points: [string, number, number][]): SlaHistory => ({
  tenantId: 'acme',
  objective: 0.999,
  from: '',
  to: '',
  step,
  points: points.map(([t, requests, rateLimited]) => ({
    t,
    requests,
    errors: 0,
    rateLimited,
    availability: 1,
    latencyMs: { p50: null, p95: null, p99: null },
  })),
});

describe('peakRates', () => {
  it('takes the busiest 10 s step per second and sums 10 s steps into whole minutes for the minute peak', () => {
    const peak = peakRates(
      history('10s', [
        ['2026-03-01T12:00:00Z', 50, 0],
        ['2026-03-01T12:00:10Z', 300, 20],
        ['2026-03-01T12:00:50Z', 100, 0],
        ['2026-03-01T12:01:00Z', 400, 30],
      ]),
    );
    expect(peak).toEqual({ perSecond: 40, perMinute: 450, requests: 850, rateLimited: 50, stepSeconds: 10 });
  });

  it('scales a coarser step to a minute and to a second, as averages over the step', () => {
    const peak = peakRates(history('1h', [['2026-03-01T12:00:00Z', 36_000, 0]]));
    expect(peak.perSecond).toBe(10);
    expect(peak.perMinute).toBe(600);
  });

  it('has no peak without traffic', () => {
    expect(peakRates(history('10s', []))).toMatchObject({ perSecond: null, perMinute: null, requests: 0 });
  });
});

describe('rateLimitedShare', () => {
  it('is the rate-limited part of all requests, and nothing without requests', () => {
    expect(rateLimitedShare({ requests: 200, rateLimited: 50 })).toBe(0.25);
    expect(rateLimitedShare({ requests: 0, rateLimited: 0 })).toBeNull();
    expect(rateLimitedShare(undefined)).toBeNull();
  });
});
