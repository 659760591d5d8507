import { parse } from 'yaml';
import { parseSpecFile } from '@sightline/slo';
import type { PrometheusRuleGroup } from '../src/render/PrometheusRule';
import { renderRulesYaml } from '../src';

function sloth(objective: number): string {
  return [
    'version: prometheus/v1',
    'service: gateway',
    'labels: { tenant: globex }',
    'slos:',
    '  - name: availability',
    `    objective: ${objective}`,
    '    sli:',
    '      events:',
    '        error_query: sum(rate(gateway_requests_total{tenant="globex",code=~"5.."}[{{.window}}])) or vector(0)',
    '        total_query: sum(rate(gateway_requests_total{tenant="globex",code!="429"}[{{.window}}]))',
  ].join('\n');
}

function burnAlerts(
  yamlText: string,
): { factor: number; long: string; short: string; severity: string; tier: string; expr: string }[] {
  const groups = (parse(yamlText) as { groups: PrometheusRuleGroup[] }).groups;
  return groups
    .flatMap((g) => g.rules)
    .filter((r) => r.alert === 'SloErrorBudgetBurn')
    .map((r) => ({
      factor: Number(r.annotations!.burn_rate_factor),
      long: r.annotations!.long_window!,
      short: r.annotations!.short_window!,
      severity: r.labels!.severity!,
      tier: r.labels!.burnrate_tier!,
      expr: r.expr,
    }));
}

describe('burn-rate alerts', () => {
  it('produces exactly four burn-rate alerts with factors 14.4, 6, 3 and 1 and their windows for a 99.9 %/30d availability SLO', () => {
    const alerts = burnAlerts(renderRulesYaml(parseSpecFile(sloth(99.9), 'in.yaml')));
    expect(
      alerts.map(({ factor, long, short, severity, tier }) => ({ factor, long, short, severity, tier })),
    ).toEqual([
      { factor: 14.4, long: '1h', short: '5m', severity: 'page', tier: 'page-fast' },
      { factor: 6, long: '6h', short: '30m', severity: 'page', tier: 'page-slow' },
      { factor: 3, long: '1d', short: '2h', severity: 'ticket', tier: 'ticket-fast' },
      { factor: 1, long: '3d', short: '6h', severity: 'ticket', tier: 'ticket-slow' },
    ]);
    // The thresholds in the PromQL itself, not only the annotations, carry the factor and both windows.
    expect(alerts[0]!.expr).toContain(
      'slo:sli_error:ratio_rate1h{tenant="globex", slo="availability"} > (14.4 * 0.001)',
    );
    expect(alerts[0]!.expr).toContain(
      'slo:sli_error:ratio_rate5m{tenant="globex", slo="availability"} > (14.4 * 0.001)',
    );
    expect(alerts[3]!.expr).toContain(
      'slo:sli_error:ratio_rate3d{tenant="globex", slo="availability"} > (1 * 0.001)',
    );
    expect(alerts[3]!.expr).toContain(
      'slo:sli_error:ratio_rate6h{tenant="globex", slo="availability"} > (1 * 0.001)',
    );
  });

  it('generates page alerts at 14.4× over 1h and 5m for a 99.9 % SLO', () => {
    const [fast] = burnAlerts(renderRulesYaml(parseSpecFile(sloth(99.9), 'in.yaml')));
    expect(fast).toMatchObject({ severity: 'page', factor: 14.4, long: '1h', short: '5m' });
  });

  it('guards both windows of every alert with the minimum-events rule', () => {
    for (const a of burnAlerts(renderRulesYaml(parseSpecFile(sloth(99.9), 'in.yaml')))) {
      expect(a.expr).toContain(
        `slo:sli_valid_events:increase${a.long}{tenant="globex", slo="availability"} >= 10`,
      );
      expect(a.expr).toContain(
        `slo:sli_valid_events:increase${a.short}{tenant="globex", slo="availability"} >= 10`,
      );
    }
  });

  it('scales the objective into the budget, so a 99.5 % SLO pages at 14.4 × 0.005', () => {
    const [fast] = burnAlerts(renderRulesYaml(parseSpecFile(sloth(99.5), 'in.yaml')));
    expect(fast!.expr).toContain('> (14.4 * 0.005)');
  });

  it('records the error ratio over 5m, 30m, 1h, 2h, 6h, 1d, 3d and the 28d period of a 28-day SLO', () => {
    const spec = [
      'apiVersion: sightline/v1',
      'kind: TenantSLOs',
      'tenants:',
      '  - id: acme',
      '    tier: enterprise',
      '    overrides: { availability: { period: 28d }, latency: { disabled: true } }',
    ].join('\n');
    const groups = (
      parse(renderRulesYaml(parseSpecFile(spec, 't.yaml'))) as { groups: PrometheusRuleGroup[] }
    ).groups;
    const records = groups
      .flatMap((g) => g.rules)
      .map((r) => r.record)
      .filter((r) => r?.startsWith('slo:sli_error:'));
    expect(records).toEqual(
      ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '28d'].map((w) => `slo:sli_error:ratio_rate${w}`),
    );
    const factors = burnAlerts(renderRulesYaml(parseSpecFile(spec, 't.yaml'))).map((a) => a.factor);
    expect(factors).toEqual([13.44, 5.6, 2.8, 0.933333]);
  });
});
