import type { Registry } from 'prom-client';
import { Counter, Gauge } from 'prom-client';

/** CollectorMetrics are the collector's own Prometheus metrics. */
export interface CollectorMetrics {
  accepted: Counter<'signal'>;
  refused: Counter<'signal' | 'reason'>;
  rollupFlushFailures: Counter;
  rollupDroppedRequests: Counter;
  rollupPending: Gauge;
  exported: Counter<'signal' | 'exporter'>;
  exportFailures: Counter<'exporter' | 'retryable'>;
  dropped: Counter<'signal' | 'exporter' | 'reason'>;
  deadLetters: Counter<'exporter'>;
  queueRecords: Gauge<'exporter'>;
  queueBytes: Gauge<'exporter'>;
  inFlightBytes: Gauge;
}

/** collectorMetrics registers the collector's metrics on the given registry. */
export function collectorMetrics(registry: Registry): CollectorMetrics {
  const registers = [registry];
  return {
    accepted: new Counter({
      name: 'collector_signals_accepted_total',
      help: 'Spans, log records and metric data points stored, by signal.',
      labelNames: ['signal'],
      registers,
    }),
    refused: new Counter({
      name: 'collector_signals_refused_total',
      help: 'Records rejected (reason invalid_record) and whole export requests refused (other reasons), by signal.',
      labelNames: ['signal', 'reason'],
      registers,
    }),
    rollupFlushFailures: new Counter({
      name: 'collector_rollup_flush_failures_total',
      help: 'Rollup flushes that failed and were kept for the next try.',
      registers,
    }),
    rollupDroppedRequests: new Counter({
      name: 'collector_rollup_requests_dropped_total',
      help: 'Requests counted in SLI rollup deltas that were dropped unwritten: flushes kept failing past ROLLUP_MAX_PENDING.',
      registers,
    }),
    rollupPending: new Gauge({
      name: 'collector_rollup_pending_deltas',
      help: 'SLI rollup deltas (tenant × 10 s bucket) waiting in memory for the next flush.',
      registers,
    }),
    exported: new Counter({
      name: 'collector_signals_exported_total',
      help: 'Records delivered by a queued exporter, by signal and exporter.',
      labelNames: ['signal', 'exporter'],
      registers,
    }),
    exportFailures: new Counter({
      name: 'collector_export_failures_total',
      help: 'Failed export attempts of a queued exporter, by exporter and whether a retry follows.',
      labelNames: ['exporter', 'retryable'],
      registers,
    }),
    dropped: new Counter({
      name: 'collector_signals_dropped_total',
      help: 'Records a queued exporter will never deliver, by signal, exporter and reason (queue_full, rejected, corrupt, enqueue_failed).',
      labelNames: ['signal', 'exporter', 'reason'],
      registers,
    }),
    deadLetters: new Counter({
      name: 'collector_dead_letters_total',
      help: 'Records a backend refused for their content, written to the dead-letter folder, by exporter.',
      labelNames: ['exporter'],
      registers,
    }),
    queueRecords: new Gauge({
      name: 'collector_exporter_queue_depth',
      help: 'Records waiting in an exporter disk queue.',
      labelNames: ['exporter'],
      registers,
    }),
    queueBytes: new Gauge({
      name: 'collector_exporter_spill_bytes',
      help: 'Bytes of segment files an exporter disk queue holds (spilled to disk).',
      labelNames: ['exporter'],
      registers,
    }),
    inFlightBytes: new Gauge({
      name: 'collector_memory_limiter_in_flight_bytes',
      help: 'Request bytes the memory limiter has admitted and not yet released.',
      registers,
    }),
  };
}
