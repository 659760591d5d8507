import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { timeSeriesPanel } from '../panels/timeSeriesPanel';

const R = '[$__rate_interval]';

/** collectorDashboard shows what the collector takes in, refuses, queues, exports and drops. */
export function collectorDashboard(): DashboardBuilder {
  return new DashboardBuilder('Sightline / Collector')
    .uid('sightline-collector')
    .description('Collector ingest, refusals, exporter queues and drops.')
    .tags(['sightline', 'collector', 'generated'])
    .time({ from: 'now-6h', to: 'now' })
    .refresh('30s')
    .timezone('utc')
    .withRow(new RowBuilder('Ingest'))
    .withPanel(
      timeSeriesPanel({
        title: 'Accepted signals',
        description: 'Spans and log records stored per second, by signal.',
        unit: 'ops',
        queries: [
          { expr: `sum by (signal) (rate(collector_signals_accepted_total${R}))`, legend: '{{signal}}' },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Refused',
        description:
          'Records rejected (invalid_record) and export requests refused (other reasons) per second.',
        unit: 'ops',
        queries: [
          {
            expr: `sum by (signal, reason) (rate(collector_signals_refused_total${R}))`,
            legend: '{{signal}} {{reason}}',
          },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Memory limiter in flight',
        description:
          'Request bytes admitted and not yet released; at the limit the collector answers 429/503.',
        unit: 'bytes',
        queries: [
          { expr: 'sum by (instance) (collector_memory_limiter_in_flight_bytes)', legend: '{{instance}}' },
        ],
      }),
    )
    .withRow(new RowBuilder('Exporters'))
    .withPanel(
      timeSeriesPanel({
        title: 'Exported signals',
        description: 'Signals delivered per second, by exporter.',
        unit: 'ops',
        queries: [
          {
            expr: `sum by (exporter, signal) (rate(collector_signals_exported_total${R}))`,
            legend: '{{exporter}} {{signal}}',
          },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Export failures',
        description: 'Failed export attempts per second, by exporter and whether they will be retried.',
        unit: 'ops',
        queries: [
          {
            expr: `sum by (exporter, retryable) (rate(collector_export_failures_total${R}))`,
            legend: '{{exporter}} retryable={{retryable}}',
          },
        ],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Queue depth',
        description:
          'Records waiting per exporter; a queue that keeps growing means a slow or failing backend.',
        unit: 'short',
        queries: [{ expr: 'sum by (exporter) (collector_exporter_queue_depth)', legend: '{{exporter}}' }],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Spilled to disk',
        description: 'Bytes of queued batches spilled to disk per exporter.',
        unit: 'bytes',
        queries: [{ expr: 'sum by (exporter) (collector_exporter_spill_bytes)', legend: '{{exporter}}' }],
      }),
    )
    .withPanel(
      timeSeriesPanel({
        title: 'Dropped signals',
        description: 'Acknowledged signals dropped per second (queue bound reached): data loss.',
        unit: 'ops',
        queries: [
          {
            expr: `sum by (exporter, signal, reason) (rate(collector_signals_dropped_total${R}))`,
            legend: '{{exporter}} {{signal}} {{reason}}',
          },
          {
            expr: `sum by (exporter) (rate(collector_dead_letters_total${R}))`,
            legend: '{{exporter}} dead letters',
          },
          { expr: `sum(rate(collector_rollup_flush_failures_total${R}))`, legend: 'rollup flush failures' },
        ],
      }),
    );
}
