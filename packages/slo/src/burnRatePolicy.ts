import type { AlertingOptions } from './SloDefinition';
import type { SliWindow, SloPeriod } from './windows';
import { windowSeconds } from './windows';

/** BurnrateTier names one row of the burn-rate table; it is the `burnrate_tier` label. */
export type BurnrateTier = 'page-fast' | 'page-slow' | 'ticket-fast' | 'ticket-slow';

/** BurnRateAlertPolicy is one row of the multi-window multi-burn-rate table. */
export interface BurnRateAlertPolicy {
  severity: 'page' | 'ticket';
  /** burnrateTier names the row, so an inhibition rule can mute slower tiers while a faster one fires. */
  burnrateTier: BurnrateTier;
  /** budgetFraction is the share of the period's error budget spent in the long window that trips the alert. */
  budgetFraction: number;
  longWindow: SliWindow;
  shortWindow: SliWindow;
}

/** BURN_RATE_POLICY is the Google SRE workbook table; factors follow from the period (see burnRateFactor). */
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
 * burnRateFactor is budget-fraction × period / long-window: the burn rate that spends that share of the
 * budget in the long window (2 % of a 30d budget in 1h is 14.4×; in a 7d period it is 3.36×).
 */
export function burnRateFactor(policy: BurnRateAlertPolicy, period: SloPeriod): number {
  const exact = (policy.budgetFraction * windowSeconds(period)) / windowSeconds(policy.longWindow);
  // Six decimals keep the rendered threshold readable and identical on every machine; ten significant
  // digits are what the rules print, so the engine compares against exactly the threshold Prometheus uses.
  return Number((Math.round(exact * 1e6) / 1e6).toPrecision(10));
}

/** enabledBurnRatePolicies returns the rows of BURN_RATE_POLICY an SLO alerts on, leaving out disabled severities. */
export function enabledBurnRatePolicies(alerting: AlertingOptions): BurnRateAlertPolicy[] {
  return BURN_RATE_POLICY.filter(
    (p) => !(p.severity === 'page' ? alerting.pageDisabled : alerting.ticketDisabled),
  );
}
