/**
 * knownServiceMetrics lists the metric names Sightline's services export (histograms by base name), and
 * the ones the alert engine will add, which the alerting dashboard already queries.
 */
export const knownServiceMetrics = {
  gateway: [
    'gateway_requests_total',
    'gateway_request_duration_seconds',
    'gateway_ratelimit_decisions_total',
    'gateway_ratelimit_usage_ratio',
    'gateway_limiter_errors_total',
    'gateway_limiter_backend',
    'gateway_limiter_mode',
    'gateway_limiter_mode_changes_total',
    'gateway_config_reloads_total',
    'gateway_apikey_revocations_total',
  ],
  collector: [
    'collector_signals_accepted_total',
    'collector_signals_refused_total',
    'collector_signals_exported_total',
    'collector_signals_dropped_total',
    'collector_export_failures_total',
    'collector_dead_letters_total',
    'collector_exporter_queue_depth',
    'collector_exporter_spill_bytes',
    'collector_memory_limiter_in_flight_bytes',
    'collector_rollup_flush_failures_total',
    'collector_spanmetrics_calls_total',
    'collector_spanmetrics_duration_seconds',
  ],
  auth: ['auth_logins_total'],
  // Issue 6 (alert engine): not exported yet; the alerting dashboard's placeholder panels query these.
  alerting: [
    'sightline_alerts_received_total',
    'sightline_alerts_active',
    'sightline_alerts_notifications_total',
    'sightline_alerts_notification_latency_seconds',
    'sightline_alerts_escalations_total',
  ],
  prometheus: ['ALERTS', 'ALERTS_FOR_STATE', 'up'],
} as const;
