import { BURN_RATE_POLICY, SLI_WINDOWS, burnRateFactor, parseSpecFile, windowSeconds } from '../src';
import type { SloPeriod } from '../src';

describe('burn-rate policy', () => {
  const scaling: [SloPeriod, number[]][] = [
    ['30d', [14.4, 6, 3, 1]],
    ['28d', [13.44, 5.6, 2.8, 0.933333]],
    ['7d', [3.36, 1.4, 0.7, 0.233333]],
  ];
  it.each(scaling)('scales the burn factors of a %s period to %j, keeping the windows', (period, factors) => {
    expect(BURN_RATE_POLICY.map((p) => burnRateFactor(p, period))).toEqual(factors);
    expect(BURN_RATE_POLICY.map((p) => [p.longWindow, p.shortWindow])).toEqual([
      ['1h', '5m'],
      ['6h', '30m'],
      ['1d', '2h'],
      ['3d', '6h'],
    ]);
  });

  it.each(['30d', '28d', '7d'] as const)(
    'spends exactly the policy share of a %s budget in each long window at the scaled factor',
    (period) => {
      for (const p of BURN_RATE_POLICY) {
        const spent = (burnRateFactor(p, period) * windowSeconds(p.longWindow)) / windowSeconds(period);
        expect(spent).toBeCloseTo(p.budgetFraction, 6);
      }
    },
  );

  it('returns factors exactly as the rules print them, so a threshold compares equal on both sides', () => {
    for (const period of ['30d', '28d', '7d'] as const)
      for (const p of BURN_RATE_POLICY) {
        const f = burnRateFactor(p, period);
        expect(String(Number(f.toPrecision(10)))).toBe(String(f));
      }
  });

  it('pages and tickets on two rows each, fastest first, with windows from the fixed window list', () => {
    expect(BURN_RATE_POLICY.map((p) => `${p.severity}/${p.burnrateTier}`)).toEqual([
      'page/page-fast',
      'page/page-slow',
      'ticket/ticket-fast',
      'ticket/ticket-slow',
    ]);
    for (const p of BURN_RATE_POLICY) {
      expect(SLI_WINDOWS).toContain(p.longWindow);
      expect(SLI_WINDOWS).toContain(p.shortWindow);
    }
  });
});

describe('windows', () => {
  it('measures 5m, 6h and 30d in seconds', () => {
    expect([windowSeconds('5m'), windowSeconds('6h'), windowSeconds('30d')]).toEqual([300, 21600, 2592000]);
  });

  it.each(['', '5', '5s', '-1h', '1w', '99999d', '5m;drop'])('refuses %j as a window', (w) => {
    expect(() => windowSeconds(w)).toThrow(RangeError);
  });
});

describe('low-traffic guard', () => {
  it('guards every window with 10 valid events unless a spec says otherwise', () => {
    const [def] = parseSpecFile(
      'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - { id: acme, tier: pro }\n',
      't.yaml',
    );
    expect(Object.values(def!.minEvents)).toEqual(SLI_WINDOWS.map(() => 10));
    expect(def!.period).toBe('30d');
  });

  it('layers a per-window default under a tenant override', () => {
    const [availability, latency] = parseSpecFile(
      [
        'apiVersion: sightline/v1',
        'kind: TenantSLOs',
        'defaults: { minEvents: { 5m: 3 } }',
        'tenants:',
        '  - { id: acme, tier: pro, overrides: { availability: { minEvents: 0 } } }',
      ].join('\n'),
      't.yaml',
    );
    expect(availability!.minEvents['1h']).toBe(0);
    expect(latency!.minEvents).toMatchObject({ '5m': 3, '1h': 10 });
  });

  it('reads an OpenSLO min-events annotation, and rejects one that is not a whole number', () => {
    const openslo = (value: string): string =>
      [
        'apiVersion: openslo/v1',
        'kind: SLO',
        `metadata: { name: o, annotations: { sightline.dev/min-events: "${value}" } }`,
        'spec:',
        '  service: s',
        '  indicator:',
        '    metadata: { name: i }',
        '    spec: { ratioMetric: { bad: { metricSource: { type: Prometheus, spec: { query: "b[{{.window}}]" } } }, total: { metricSource: { type: Prometheus, spec: { query: "t[{{.window}}]" } } } } }',
        '  timeWindow: [{ duration: 28d, isRolling: true }]',
        '  budgetingMethod: Occurrences',
        '  objectives: [{ target: 0.995 }]',
      ].join('\n');
    expect(parseSpecFile(openslo('50'), 'o.yaml')[0]!.minEvents['3d']).toBe(50);
    expect(() => parseSpecFile(openslo('1.5'), 'o.yaml')).toThrow(
      'o.yaml: metadata.annotations.sightline.dev/min-events: must be a whole number',
    );
  });
});
