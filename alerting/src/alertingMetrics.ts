import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** AlertingMetrics are the alerting service's own Prometheus metrics. */
export interface AlertingMetrics {
  evaluations: Counter<'outcome'>;
  evaluationSeconds: Histogram;
  burnRate: Gauge<'tenant' | 'slo' | 'window'>;
  budgetRemaining: Gauge<'tenant' | 'slo'>;
  alertEvents: Counter<'state' | 'severity'>;
  received: Counter<'source'>;
  activeGroups: Gauge<'state'>;
  notifications: Counter<'integration' | 'outcome'>;
  notificationLatency: Histogram<'integration'>;
  escalations: Counter<'step'>;
  flushes: Counter<'outcome'>;
  rejected: Counter<'source' | 'reason'>;
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
    received: new Counter({
      name: 'sightline_alerts_received_total',
      help: 'Alerts accepted by the intake, by source (alertmanager, prometheus, slo, api).',
      labelNames: ['source'],
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'sightline_alerts_rejected_total',
      help: 'Intake requests refused, by source and reason (invalid, unauthorized, too_large).',
      labelNames: ['source', 'reason'],
      registers: [registry],
    }),
    activeGroups: new Gauge({
      name: 'sightline_alerts_active',
      help: 'Alert groups by state (pending, firing, acknowledged, muted; resolved within the last hour).',
      labelNames: ['state'],
      registers: [registry],
    }),
    notifications: new Counter({
      name: 'sightline_alerts_notifications_total',
      help: 'Notification delivery attempts, by integration and outcome (delivered, retry, dead).',
      labelNames: ['integration', 'outcome'],
      registers: [registry],
    }),
    notificationLatency: new Histogram({
      name: 'sightline_alerts_notification_latency_seconds',
      help: 'Time from a notification being decided to it being delivered, by integration.',
      labelNames: ['integration'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    escalations: new Counter({
      name: 'sightline_alerts_escalations_total',
      help: 'Escalations to a later policy step, by the step reached.',
      labelNames: ['step'],
      registers: [registry],
    }),
    flushes: new Counter({
      name: 'sightline_alerts_group_flushes_total',
      help: 'Alert group flushes, by outcome (triggered, updated, repeated, resolved, muted, quiet, closed).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}
