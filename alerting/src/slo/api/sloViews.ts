import { burnRateFactor, enabledBurnRatePolicies } from '@sightline/slo';
import type { FiringAlert } from '../AlertTransitions';
import type { SloStatus } from '../math/computeSloStatus';
import type { EvaluableSlo } from '../EvaluableSlo';

/** definitionView is the public shape of an SLO definition, with its burn-rate alerts. */
export function definitionView(d: EvaluableSlo): Record<string, unknown> {
  return {
    tenant: d.tenant,
    slo: d.slo,
    service: d.service,
    description: d.description,
    objective: d.objective,
    period: d.period,
    sli: d.rollupSli,
    minEvents: d.minEvents,
    source: d.source.file,
    alerts: enabledBurnRatePolicies(d.alerting).map((p) => ({
      alertname: d.alerting.name,
      severity: p.severity,
      burnrateTier: p.burnrateTier,
      factor: burnRateFactor(p, d.period),
      longWindow: p.longWindow,
      shortWindow: p.shortWindow,
    })),
  };
}

/** statusView is the public shape of one SLO's current status; numbers are null before the first evaluation. */
export function statusView(
  d: EvaluableSlo,
  s: SloStatus | undefined,
  firing: readonly FiringAlert[],
): Record<string, unknown> {
  return {
    slo: d.slo,
    objective: d.objective,
    period: d.period,
    sli: s?.sli ?? null,
    errorBudgetRemaining: s?.errorBudgetRemaining ?? null,
    timeToExhaustionSeconds: s?.timeToExhaustionSeconds ?? null,
    burnRates: s ? Object.fromEntries(Object.entries(s.windows).map(([w, v]) => [w, v.burnRate])) : null,
    windows: s?.windows ?? null,
    firingAlerts: firing.map((a) => ({
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.startsAt,
      longBurnRate: a.longBurnRate,
      shortBurnRate: a.shortBurnRate,
    })),
  };
}
