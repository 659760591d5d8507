import { budgetBurnDown, periodRange } from '../lib/budgetBurnDown';
import { burnRateBars } from '../lib/burnRateBars';
import { firingAlerts } from '../lib/firingAlerts';
import { slaSeriesRows } from '../lib/slaSeriesRows';
import type { SlaHistoryPoint, SloStatus } from '../lib/sloApiShapes';

function slaPoint(t: string, availability: number | null, p99: number | null = 100): SlaHistoryPoint {
  return {
    t,
    requests: 100,
    errors: 0,
    rateLimited: 0,
    availability,
    latencyMs: { p50: p99 === null ? null : p99 / 4, p95: p99 === null ? null : p99 / 2, p99 },
  };
}

function slo(over: Partial<SloStatus> = {}): SloStatus {
  return {
    slo: 'availability',
    description: '',
    objective: 0.999,
    period: '30d',
    sli: 0.998,
    errorBudgetRemaining: 0.4,
    timeToExhaustionSeconds: null,
    burnRates: { '5m': 20, '30m': 2, '1h': 15, '2h': 1, '6h': 7, '1d': 1, '3d': 0.5, '30d': 0.6 },
    firingAlerts: [],
    alerts: [
      { severity: 'page', burnrateTier: 'page-fast', factor: 14.4, longWindow: '1h', shortWindow: '5m' },
      { severity: 'page', burnrateTier: 'page-slow', factor: 6, longWindow: '6h', shortWindow: '30m' },
      { severity: 'ticket', burnrateTier: 'ticket-fast', factor: 3, longWindow: '1d', shortWindow: '2h' },
      { severity: 'ticket', burnrateTier: 'ticket-slow', factor: 1, longWindow: '3d', shortWindow: '6h' },
    ],
    ...over,
  };
}

describe('slaSeriesRows', () => {
  const history = (points: SlaHistoryPoint[]) => ({
    tenantId: 'acme',
    objective: 0.999,
    from: '2026-03-01T12:00:00.000Z',
    to: '2026-03-01T12:10:00.000Z',
    step: '1m',
    points,
  });

  it('breaks the line where steps are missing instead of drawing across the silence', () => {
    const series = slaSeriesRows(
      history([
        slaPoint('2026-03-01T12:05:00.000Z', 1),
        slaPoint('2026-03-01T12:00:00.000Z', 0.99),
        slaPoint('2026-03-01T12:01:00.000Z', 0.995),
      ]),
    );
    expect(
      series.rows.map((r) => [new Date(r.t).toISOString().slice(11, 16), r.availability, r.gap]),
    ).toEqual([
      ['12:00', 99, false],
      ['12:01', 99.5, false],
      ['12:02', null, true],
      ['12:05', 100, false],
    ]);
    expect(series.stepsWithData).toBe(3);
    expect(series.gaps).toBe(1);
  });

  it('keeps a step with only rate-limited traffic as a point without availability, not a gap', () => {
    const series = slaSeriesRows(history([slaPoint('2026-03-01T12:00:00.000Z', null, null)]));
    expect(series.rows).toEqual([
      {
        t: Date.parse('2026-03-01T12:00:00.000Z'),
        availability: null,
        p50: null,
        p95: null,
        p99: null,
        gap: false,
      },
    ]);
  });

  it('scales the availability axis to show both the lowest value and the objective, capped at 100 %', () => {
    const series = slaSeriesRows(history([slaPoint('2026-03-01T12:00:00.000Z', 0.95)]));
    expect(series.objectivePercent).toBeCloseTo(99.9, 10);
    expect(series.availabilityDomain[1]).toBe(100);
    expect(series.availabilityDomain[0]).toBeLessThan(95);
    expect(series.availabilityDomain[0]).toBeGreaterThanOrEqual(0);
  });

  it('has no rows for a range without traffic', () => {
    expect(slaSeriesRows(history([])).rows).toEqual([]);
  });
});

describe('budgetBurnDown', () => {
  it('lists the budget left in percent, oldest first, breaking the line over missing snapshots', () => {
    const rows = budgetBurnDown({
      slo: 'availability',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-01T01:00:00.000Z',
      stepSeconds: 60,
      points: [
        { at: '2026-03-01T00:10:30.000Z', sli: 1, errorBudgetRemaining: 0.5 },
        { at: '2026-03-01T00:00:10.000Z', sli: 1, errorBudgetRemaining: 1 },
        { at: '2026-03-01T00:01:50.000Z', sli: 1, errorBudgetRemaining: -0.25 },
      ],
    });
    expect(rows.map((r) => r.remaining)).toEqual([100, -25, null, 50]);
  });

  it('asks for the whole SLO period, but never more than the 35 days the api serves', () => {
    const now = new Date('2026-03-31T00:00:00.000Z');
    expect(periodRange('28d', now)).toEqual({
      from: '2026-03-03T00:00:00.000Z',
      to: '2026-03-31T00:00:00.000Z',
    });
    expect(periodRange('90d', now).from).toBe('2026-02-24T00:00:00.000Z');
  });
});

describe('burnRateBars', () => {
  it('gives a bar per window, shortest first with the period last, each with its lowest alert threshold', () => {
    const { bars } = burnRateBars(slo());
    expect(bars.map((b) => [b.window, b.burnRate, b.threshold, b.over])).toEqual([
      ['5m', 20, 14.4, true],
      ['30m', 2, 6, false],
      ['1h', 15, 14.4, true],
      ['2h', 1, 3, false],
      ['6h', 7, 1, true],
      ['1d', 1, 3, false],
      ['3d', 0.5, 1, false],
      ['30d', 0.6, null, false],
    ]);
  });

  it('marks every alert threshold, highest first, labelled with its tier', () => {
    expect(burnRateBars(slo()).thresholds).toEqual([
      { factor: 14.4, label: 'page-fast 14.4×', severity: 'page' },
      { factor: 6, label: 'page-slow 6×', severity: 'page' },
      { factor: 3, label: 'ticket-fast 3×', severity: 'ticket' },
      { factor: 1, label: 'ticket-slow 1×', severity: 'ticket' },
    ]);
  });

  it('has no bars before the first evaluation', () => {
    expect(burnRateBars(slo({ burnRates: null })).bars).toEqual([]);
  });
});

describe('firingAlerts', () => {
  const alert = (tier: string, severity: string, startsAt: string) => ({
    labels: { severity, burnrate_tier: tier, tenant: 'acme' },
    annotations: { summary: `${tier} burn` },
    startsAt,
    longBurnRate: 20,
    shortBurnRate: 30,
  });

  it('lists pages before tickets, then the longest-firing first, across all SLOs', () => {
    const rows = firingAlerts({
      tenant: 'acme',
      evaluatedAt: null,
      slos: [
        slo({ firingAlerts: [alert('ticket-fast', 'ticket', '2026-03-01T10:00:00Z')] }),
        slo({
          slo: 'latency',
          firingAlerts: [
            alert('page-slow', 'page', '2026-03-01T11:00:00Z'),
            alert('page-fast', 'page', '2026-03-01T10:30:00Z'),
          ],
        }),
      ],
    });
    expect(rows.map((r) => `${r.slo}/${r.burnrateTier}`)).toEqual([
      'latency/page-fast',
      'latency/page-slow',
      'availability/ticket-fast',
    ]);
    expect(rows[0]!.summary).toBe('page-fast burn');
  });
});
