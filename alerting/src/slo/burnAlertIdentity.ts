import { createHash } from 'node:crypto';
import type { EvaluableSlo } from './EvaluableSlo';
import type { BurnAlertCheck } from './math/evaluateBurnAlerts';
import { errorBudgetOf } from './math/computeSloStatus';

/** RUNBOOK_URL is the runbook the generated SloErrorBudgetBurn rules link. */
export const RUNBOOK_URL =
  'https://github.com/sightline/sightline/blob/main/docs/runbooks/SloErrorBudgetBurn.md';

/** BurnAlertIdentity is what names one burn-rate alert: its labels, annotations and fingerprint. */
export interface BurnAlertIdentity {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** burnAlertIdentity builds the labels and annotations the generated Prometheus rule gives the same alert. */
export function burnAlertIdentity(def: EvaluableSlo, check: BurnAlertCheck): BurnAlertIdentity {
  const { policy, factor } = check;
  const labels = {
    ...def.alerting.labels,
    ...(policy.severity === 'page' ? def.alerting.pageLabels : def.alerting.ticketLabels),
    alertname: def.alerting.name,
    severity: policy.severity,
    burnrate_tier: policy.burnrateTier,
    tenant: def.tenant,
    slo: def.slo,
  };
  const budget = errorBudgetOf(def.objective);
  const annotations = {
    summary: `${def.tenant} ${def.slo} SLO is burning its ${def.period} error budget at over ${factor}×`,
    description:
      `The error ratio is above ${factor} × the ${budget} budget over both ${policy.longWindow} and ${policy.shortWindow}: at this rate ${policy.budgetFraction * 100} % of the budget is gone in ${policy.longWindow}. ${def.description}`.trim(),
    burn_rate_factor: String(factor),
    long_window: policy.longWindow,
    short_window: policy.shortWindow,
    runbook_url: RUNBOOK_URL,
    ...def.alerting.annotations,
  };
  return { fingerprint: fingerprintOf(labels), labels, annotations };
}

/** fingerprintOf hashes sorted labels, so the same alert has the same fingerprint in every process. */
export function fingerprintOf(labels: Record<string, string>): string {
  const text = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0000');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
