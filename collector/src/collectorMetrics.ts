import type { Registry } from 'prom-client';
import { Counter } from 'prom-client';

/** CollectorMetrics are the collector's own Prometheus counters. */
export interface CollectorMetrics {
  accepted: Counter<'signal'>;
  refused: Counter<'signal' | 'reason'>;
  rollupFlushFailures: Counter;
}

/** collectorMetrics registers the collector's counters on the given registry. */
export function collectorMetrics(registry: Registry): CollectorMetrics {
  return {
    accepted: new Counter({
      name: 'collector_signals_accepted_total',
      help: 'Spans and log records stored, by signal.',
      labelNames: ['signal'],
      registers: [registry],
    }),
    refused: new Counter({
      name: 'collector_signals_refused_total',
      help: 'Records rejected (reason invalid_record) and whole export requests refused (other reasons), by signal.',
      labelNames: ['signal', 'reason'],
      registers: [registry],
    }),
    rollupFlushFailures: new Counter({
      name: 'collector_rollup_flush_failures_total',
      help: 'Rollup flushes that failed and were kept for the next try.',
      registers: [registry],
    }),
  };
}
