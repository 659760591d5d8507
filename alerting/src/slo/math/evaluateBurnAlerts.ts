import { burnRateFactor, enabledBurnRatePolicies } from '@sightline/slo';
import type { BurnRateAlertPolicy } from '@sightline/slo';
import type { EvaluableSlo } from '../EvaluableSlo';
import type { SloStatus, WindowStatus } from './computeSloStatus';

/** BurnAlertCheck is one burn-rate alert of one SLO at one evaluation: whether its condition holds, and why. */
export interface BurnAlertCheck {
  policy: BurnRateAlertPolicy;
  factor: number;
  /** threshold is factor × error budget, the error ratio both windows must exceed. */
  threshold: number;
  active: boolean;
  /** guarded is true when the ratios are high enough but a window holds fewer than minEvents valid events. */
  guarded: boolean;
  longBurnRate: number | null;
  shortBurnRate: number | null;
}

/**
 * evaluateBurnAlerts checks the SLO's multi-window burn-rate alerts (four, unless its spec disables a severity)
 * exactly as the generated rules do: both error ratios strictly above factor × budget, and each window holding
 * at least minEvents valid events.
 */
export function evaluateBurnAlerts(def: EvaluableSlo, status: SloStatus): BurnAlertCheck[] {
  return enabledBurnRatePolicies(def.alerting).map((policy) => {
    const factor = burnRateFactor(policy, def.period);
    const threshold = factor * status.errorBudget;
    const long = status.windows[policy.longWindow];
    const short = status.windows[policy.shortWindow];
    const over = (w: WindowStatus): boolean => w.errorRatio !== null && w.errorRatio > threshold;
    const enough = (w: WindowStatus, min: number): boolean => min <= 0 || w.validEvents >= min;
    const burning = over(long) && over(short);
    const guardOk =
      enough(long, def.minEvents[policy.longWindow]) && enough(short, def.minEvents[policy.shortWindow]);
    return {
      policy,
      factor,
      threshold,
      active: burning && guardOk,
      guarded: burning && !guardOk,
      longBurnRate: long.burnRate,
      shortBurnRate: short.burnRate,
    };
  });
}
