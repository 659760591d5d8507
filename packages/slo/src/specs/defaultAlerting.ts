import type { AlertingOptions } from '../SloDefinition';

/** BURN_ALERT_NAME is the alertname of every burn-rate alert unless a spec names its own. */
export const BURN_ALERT_NAME = 'SloErrorBudgetBurn';

/** defaultAlerting returns the alert options an SLO gets when its spec says nothing about alerting. */
export function defaultAlerting(): AlertingOptions {
  return {
    name: BURN_ALERT_NAME,
    labels: {},
    annotations: {},
    pageLabels: {},
    ticketLabels: {},
    pageDisabled: false,
    ticketDisabled: false,
  };
}
