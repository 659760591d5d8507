import { SLI_WINDOWS, sliCounts, windowSeconds } from '@sightline/slo';
import type { MeasuredWindow } from '@sightline/slo';
import type { EvaluableSlo } from '../EvaluableSlo';
import type { WindowSums } from '../rollups/RollupWindows';

/** WindowStatus is one SLO's measurement over one window. */
export interface WindowStatus {
  /** errorRatio is bad ÷ valid; null with no valid events (Prometheus has no sample then either). */
  errorRatio: number | null;
  /** burnRate is errorRatio ÷ (1 − objective): 1 spends the budget exactly over the period. */
  burnRate: number | null;
  validEvents: number;
  badEvents: number;
}

/** SloStatus is one SLO's state at one evaluation. */
export interface SloStatus {
  tenant: string;
  slo: string;
  objective: number;
  /** errorBudget is 1 − objective, printed as the rules print it. */
  errorBudget: number;
  /** sli is the good ratio over the period; null with no valid events. */
  sli: number | null;
  /** errorBudgetRemaining is 1 untouched, 0 spent, negative overspent; null with no valid events. */
  errorBudgetRemaining: number | null;
  /** timeToExhaustionSeconds is how long the remaining budget lasts at the current 1h burn; null when not burning. */
  timeToExhaustionSeconds: number | null;
  windows: Record<MeasuredWindow, WindowStatus>;
}

/** errorBudgetOf returns 1 − objective without float noise (1 − 0.999 → 0.001), as the generator renders it. */
export function errorBudgetOf(objective: number): number {
  return Number((1 - objective).toPrecision(10));
}

/** computeSloStatus turns one SLO's rollup sums per window into ratios, burn rates, budget left and time to exhaustion. */
export function computeSloStatus(def: EvaluableSlo, sums: Readonly<Record<string, WindowSums>>): SloStatus {
  const budget = errorBudgetOf(def.objective);
  const windows = {} as Record<MeasuredWindow, WindowStatus>;
  for (const w of [...SLI_WINDOWS, def.period] as MeasuredWindow[]) {
    const s = sums[w];
    const { bad, valid } = s ? sliCounts(def.rollupSli, s) : { bad: 0, valid: 0 };
    const errorRatio = valid > 0 ? bad / valid : null;
    windows[w] = {
      errorRatio,
      burnRate: errorRatio === null ? null : errorRatio / budget,
      validEvents: valid,
      badEvents: bad,
    };
  }
  const period = windows[def.period];
  const remaining = period.burnRate === null ? null : 1 - period.burnRate;
  return {
    tenant: def.tenant,
    slo: def.slo,
    objective: def.objective,
    errorBudget: budget,
    sli: period.errorRatio === null ? null : 1 - period.errorRatio,
    errorBudgetRemaining: remaining,
    timeToExhaustionSeconds: timeToExhaustion(remaining, windows['1h'].burnRate, windowSeconds(def.period)),
    windows,
  };
}

/**
 * timeToExhaustion: at burn rate b the whole budget lasts period ÷ b, so what is left lasts remaining × period ÷ b.
 * It ignores old errors leaving the window, which makes it a pessimistic (earlier) estimate.
 */
function timeToExhaustion(
  remaining: number | null,
  burn1h: number | null,
  periodSeconds: number,
): number | null {
  if (remaining === null) return null;
  if (remaining <= 0) return 0;
  if (burn1h === null || burn1h <= 0) return null;
  return Math.round((remaining * periodSeconds) / burn1h);
}
