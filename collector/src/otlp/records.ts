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
