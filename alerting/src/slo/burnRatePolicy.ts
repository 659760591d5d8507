import type { SliWindow, SloPeriod } from './windows';
import { windowSeconds } from './windows';

/** BurnrateTier names one row of the burn-rate table; it is the `burnrate_tier` label. */
export type BurnrateTier = 'page-fast' | 'page-slow' | 'ticket-fast' | 'ticket-slow';

/** BurnRateAlertPolicy is one row of the multi-window multi-burn-rate table. */
export interface BurnRateAlertPolicy {
  severity: 'page' | 'ticket';
  burnrateTier: BurnrateTier;
  /** budgetFraction is the share of the period's error budget spent in the long window that trips the alert. */
  budgetFraction: number;
  longWindow: SliWindow;
  shortWindow: SliWindow;
}

/** BURN_RATE_POLICY is the Google SRE workbook table, identical to the rules generator's. */
export const BURN_RATE_POLICY: readonly BurnRateAlertPolicy[] = [
  { severity: 'page', burnrateTier: 'page-fast', budgetFraction: 0.02, longWindow: '1h', shortWindow: '5m' },
  { severity: 'page', burnrateTier: 'page-slow', budgetFraction: 0.05, longWindow: '6h', shortWindow: '30m' },
  {
    severity: 'ticket',
    burnrateTier: 'ticket-fast',
    budgetFraction: 0.1,
    longWindow: '1d',
    shortWindow: '2h',
  },
  {
    severity: 'ticket',
    burnrateTier: 'ticket-slow',
    budgetFraction: 0.1,
    longWindow: '3d',
    shortWindow: '6h',
  },
];

/**
 * burnRateFactor is budget-fraction × period ÷ long-window, rounded to six decimals and printed to ten
 * significant digits exactly as the rules generator renders it, so both sides compare the same threshold.
 */
export function burnRateFactor(policy: BurnRateAlertPolicy, period: SloPeriod): number {
  const exact = (policy.budgetFraction * windowSeconds(period)) / windowSeconds(policy.longWindow);
  return Number((Math.round(exact * 1e6) / 1e6).toPrecision(10));
}
