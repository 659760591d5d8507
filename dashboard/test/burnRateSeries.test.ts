import { burnRateSeries } from '../lib/burnRateSeries';
import { sparklinePath } from '../lib/sparklinePath';
import type { SlaHistory } from '../lib/sloApiShapes';

const point = (t: string, requests: number, errors: number, rateLimited: number) => ({
  t,
  requests,
  errors,
  rateLimited,
  availability: null,
  latencyMs: { p50: null, p95: null, p99: null },
});

describe('burnRateSeries', () => {
  it("divides each step's error ratio, 429s left out, by the budget ratio, and has no rate for a step of only 429s", () => {
    const history: SlaHistory = {
      tenantId: 'acme',
      objective: 0.999,
      from: '',
      to: '',
      step: '1m',
      points: [point('2026-03-01T12:00:00Z', 1100, 2, 100), point('2026-03-01T12:01:00Z', 5, 0, 5)],
    };
    const series = burnRateSeries(history);
    expect(series[0]!.t).toBe(Date.parse('2026-03-01T12:00:00Z'));
    expect(series[0]!.rate).toBeCloseTo(2, 10);
    expect(series[1]!.rate).toBeNull();
  });
});

describe('sparklinePath', () => {
  const box = { width: 100, height: 20, from: 0, to: 100, max: 2 };

  it('draws consecutive steps as one line, from the bottom at 0 to the top at max', () => {
    expect(
      sparklinePath(
        [
          { t: 0, rate: 0 },
          { t: 10, rate: 1 },
          { t: 20, rate: 5 },
        ],
        box,
        15,
      ),
    ).toBe('M0.0 20.0 l0 0 L10.0 10.0 L20.0 0.0');
  });

  it('lifts the pen over a missing step and over a step without a rate, so a gap never looks like a line', () => {
    expect(
      sparklinePath(
        [
          { t: 0, rate: 1 },
          { t: 40, rate: 1 },
          { t: 50, rate: null },
          { t: 60, rate: 1 },
          { t: 200, rate: 1 },
        ],
        box,
        15,
      ),
    ).toBe('M0.0 10.0 l0 0 M40.0 10.0 l0 0 M60.0 10.0 l0 0');
  });
});
