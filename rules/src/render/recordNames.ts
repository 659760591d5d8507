/** recordNames are the names of every recording rule an SLO gets; dashboards and the API read these. */
export const recordNames = {
  errorRatio: (window: string): string => `slo:sli_error:ratio_rate${window}`,
  validEvents: (window: string): string => `slo:sli_valid_events:increase${window}`,
  objective: 'slo:objective:ratio',
  errorBudget: 'slo:error_budget:ratio',
  periodDays: 'slo:time_period:days',
  periodError: 'slo:period_error:ratio',
  periodBurnRate: 'slo:period_burn_rate:ratio',
  periodBudgetRemaining: 'slo:period_error_budget_remaining:ratio',
} as const;
