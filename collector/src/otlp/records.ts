import type { JsonValue } from './otlpValues';

/** JsonObject is a converted attribute map. */
export type JsonObject = { [key: string]: JsonValue };

/** SpanRecord is one received span in the collector's internal shape, whatever the wire format was. */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  tenantId: string;
  service: string;
  name: string;
  kind: number;
  startTime: string;
  endTime: string;
  /** Start and end in Unix nanoseconds as decimal strings, so exporters can re-encode OTLP losslessly. */
  startUnixNano: string;
  endUnixNano: string;
  /** End time in Unix milliseconds, for rollup bucketing. */
  endUnixMs: number;
  durationMs: number;
  statusCode: number;
  statusMessage: string | null;
  attributes: JsonObject;
  resource: JsonObject;
}

/** LogRecord is one received log record in the collector's internal shape. */
export interface LogRecord {
  time: string;
  observedTime: string;
  tenantId: string;
  service: string;
  severityNumber: number;
  severityText: string | null;
  body: string;
  traceId: string | null;
  spanId: string | null;
  attributes: JsonObject;
  resource: JsonObject;
}

/** Normalised is the outcome of normalising one export request: the accepted records and what was rejected. */
export interface Normalised<T> {
  records: T[];
  rejected: number;
  /** The first rejection's reason, for the partialSuccess error message. */
  firstError: string | null;
}

/** MetricKind is the OTLP metric data type of a stored data point. */
export type MetricKind = 'gauge' | 'sum' | 'histogram';

/** MetricPointRecord is one received metric data point (gauge, sum or explicit-bucket histogram). */
export interface MetricPointRecord {
  tenantId: string;
  service: string;
  name: string;
  unit: string;
  kind: MetricKind;
  time: string;
  startTime: string | null;
  /** The value of a gauge or sum point; null for histograms. */
  value: number | null;
  /** Histogram count, sum and buckets; null for gauges and sums. */
  count: number | null;
  sum: number | null;
  bucketCounts: number[] | null;
  explicitBounds: number[] | null;
  /** AggregationTemporality of a sum or histogram (1 delta, 2 cumulative); null for gauges. */
  temporality: number | null;
  monotonic: boolean | null;
  attributes: JsonObject;
  resource: JsonObject;
}

/** SignalBatch is what one export request carries after normalisation, and what processors and exporters handle. */
export interface SignalBatch {
  spans: SpanRecord[];
  logs: LogRecord[];
  metrics: MetricPointRecord[];
}
