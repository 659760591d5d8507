import {
  BURN_ALERT_NAME,
  SLI_WINDOWS,
  WINDOW_PLACEHOLDER,
  burnRateFactor,
  enabledBurnRatePolicies,
  windowSeconds,
} from '@sightline/slo';
import type { SloDefinition } from '@sightline/slo';
import type { PrometheusRule, PrometheusRuleGroup } from './PrometheusRule';
import { formatNumber } from './formatNumber';
import { recordNames } from './recordNames';
import { runbookUrl } from './runbookUrl';

/** ABSENT_ALERT_NAME is the alert that fires when an SLO's SLI has had no data for a while. */
export const ABSENT_ALERT_NAME = 'SloSliAbsent';

/** ABSENT_FOR is how long an SLI must be missing before SloSliAbsent fires. */
export const ABSENT_FOR = '15m';

/** sloRuleGroups renders one SLO into its SLI recordings, metadata recordings and alerts. */
export function sloRuleGroups(def: SloDefinition): PrometheusRuleGroup[] {
  const id = `${def.tenant}-${def.slo}`;
  const labels = { tenant: def.tenant, slo: def.slo };
  const sel = `{tenant="${def.tenant}", slo="${def.slo}"}`;
  const budget = formatNumber(1 - def.objective);
  const at = (q: string, w: string): string => q.split(WINDOW_PLACEHOLDER).join(w);

  const ratioWindows: string[] = [...SLI_WINDOWS];
  if (!ratioWindows.includes(def.period)) ratioWindows.push(def.period);
  const sliRules: PrometheusRule[] = ratioWindows.map((w) => ({
    record: recordNames.errorRatio(w),
    expr: `(${at(def.sli.errorQuery, w)})\n/\n(${at(def.sli.totalQuery, w)})`,
    labels,
  }));
  for (const w of SLI_WINDOWS) {
    sliRules.push({
      record: recordNames.validEvents(w),
      expr: `(${at(def.sli.totalQuery, w)}) * ${windowSeconds(w)}`,
      labels,
    });
  }

  const metaRules: PrometheusRule[] = [
    { record: recordNames.objective, expr: `vector(${formatNumber(def.objective)})`, labels },
    { record: recordNames.errorBudget, expr: `vector(${budget})`, labels },
    { record: recordNames.periodDays, expr: `vector(${windowSeconds(def.period) / 86400})`, labels },
    { record: recordNames.periodError, expr: `${recordNames.errorRatio(def.period)}${sel}`, labels },
    { record: recordNames.periodBurnRate, expr: `${recordNames.periodError}${sel} / ${budget}`, labels },
    { record: recordNames.periodBudgetRemaining, expr: `1 - ${recordNames.periodBurnRate}${sel}`, labels },
  ];

  const alertRules: PrometheusRule[] = [];
  for (const policy of enabledBurnRatePolicies(def.alerting)) {
    const isPage = policy.severity === 'page';
    const factor = formatNumber(burnRateFactor(policy, def.period));
    const over = (w: string): string => `${recordNames.errorRatio(w)}${sel} > (${factor} * ${budget})`;
    const guards = [policy.longWindow, policy.shortWindow]
      .filter((w) => def.minEvents[w] > 0)
      .map((w) => `\nand on (tenant, slo)\n${recordNames.validEvents(w)}${sel} >= ${def.minEvents[w]}`);
    alertRules.push({
      alert: def.alerting.name,
      expr: `(\n  ${over(policy.longWindow)}\nand on (tenant, slo)\n  ${over(policy.shortWindow)}\n)${guards.join('')}`,
      labels: {
        ...def.alerting.labels,
        ...(isPage ? def.alerting.pageLabels : def.alerting.ticketLabels),
        severity: policy.severity,
        burnrate_tier: policy.burnrateTier,
        tenant: def.tenant,
        slo: def.slo,
      },
      annotations: {
        summary: `{{ $labels.tenant }} ${def.slo} SLO is burning its ${def.period} error budget at over ${factor}×`,
        description:
          `The error ratio is above ${factor} × the ${budget} budget over both ${policy.longWindow} and ${policy.shortWindow}: at this rate ${policy.budgetFraction * 100} % of the budget is gone in ${policy.longWindow}. ${def.description}`.trim(),
        burn_rate_factor: factor,
        long_window: policy.longWindow,
        short_window: policy.shortWindow,
        runbook_url: runbookUrl(BURN_ALERT_NAME),
        ...def.alerting.annotations,
      },
    });
  }
  alertRules.push({
    alert: ABSENT_ALERT_NAME,
    expr: `absent(${recordNames.validEvents('5m')}${sel})`,
    for: ABSENT_FOR,
    labels: { severity: 'ticket', tenant: def.tenant, slo: def.slo },
    annotations: {
      summary: `{{ $labels.tenant }} ${def.slo} SLO has no SLI data`,
      description: `The SLI of ${def.slo} for ${def.tenant} has returned no series for ${ABSENT_FOR}; its burn-rate alerts cannot fire.`,
      runbook_url: runbookUrl(ABSENT_ALERT_NAME),
    },
  });

  return [
    { name: `slo-sli-recordings-${id}`, rules: sliRules },
    { name: `slo-meta-recordings-${id}`, rules: metaRules },
    { name: `slo-alerts-${id}`, rules: alertRules },
  ];
}
