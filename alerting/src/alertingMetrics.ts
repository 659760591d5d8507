import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** AlertingMetrics are the alerting service's own Prometheus metrics. */
export interface AlertingMetrics {
  evaluations: Counter<'outcome'>;
  evaluationSeconds: Histogram;
  burnRate: Gauge<'tenant' | 'slo' | 'window'>;
  budgetRemaining: Gauge<'tenant' | 'slo'>;
  alertEvents: Counter<'state' | 'severity'>;
}

/** alertingMetrics registers the alerting metrics on a registry. */
export function alertingMetrics(registry: Registry): AlertingMetrics {
  return {
    evaluations: new Counter({
      name: 'alerting_slo_evaluations_total',
      help: 'Tenant SLO evaluations, by outcome (ok, collector_unavailable, bad_response, store_failed).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    evaluationSeconds: new Histogram({
      name: 'alerting_slo_evaluation_duration_seconds',
      help: 'Duration of one evaluation round over every tenant.',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    burnRate: new Gauge({
      name: 'alerting_slo_burn_rate',
      help: 'Error-budget burn rate per tenant, SLO and window (1 spends the budget exactly over the period).',
      labelNames: ['tenant', 'slo', 'window'],
      registers: [registry],
    }),
    budgetRemaining: new Gauge({
      name: 'alerting_slo_error_budget_remaining_ratio',
      help: 'Error budget left over the SLO period: 1 untouched, 0 spent, negative overspent.',
      labelNames: ['tenant', 'slo'],
      registers: [registry],
    }),
    alertEvents: new Counter({
      name: 'alerting_slo_alert_events_total',
      help: 'SLO burn-rate alert events emitted, by state and severity.',
      labelNames: ['state', 'severity'],
      registers: [registry],
    }),
  };
}
