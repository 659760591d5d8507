import type { SignalBatch } from '../otlp/records';

/** ExportSignal is a kind of record an exporter may take. */
export type ExportSignal = 'spans' | 'logs' | 'metrics';

/** ExportResult is the outcome of one export: success, or a failure that says whether a retry may help. */
export type ExportResult =
  { kind: 'success' } | { kind: 'failure'; retryable: boolean; retryAfterMs?: number; reason: string };

/**
 * Exporter sends batches of records to one backend. It never throws across this interface, and it never
 * queues, batches or retries: the pipeline around it does that.
 */
export interface Exporter {
  /** A short stable name, used in metrics and queue folders. */
  readonly name: string;
  /** The signals this exporter takes; the pipeline hands it nothing else. */
  readonly signals: ReadonlySet<ExportSignal>;
  /** start prepares the backend (templates, policies); a failure is reported, not thrown. */
  start(): Promise<ExportResult>;
  export(batch: SignalBatch): Promise<ExportResult>;
  close(): Promise<void>;
}

/** EXPORT_SUCCESS is the one success value. */
export const EXPORT_SUCCESS: ExportResult = { kind: 'success' };

/** exportFailure builds a failure result. */
export function exportFailure(reason: string, retryable: boolean, retryAfterMs?: number): ExportResult {
  return retryAfterMs === undefined
    ? { kind: 'failure', retryable, reason }
    : { kind: 'failure', retryable, retryAfterMs, reason };
}

/** retryableStatus tells whether an HTTP status from a backend is worth retrying (the OTLP/HTTP list). */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status === 502 || status === 503 || status === 504;
}

/** parseRetryAfter reads a Retry-After header (seconds or an HTTP date) as milliseconds, or undefined. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** selectSignals keeps only the records an exporter takes; null when nothing is left for it. */
export function selectSignals(batch: SignalBatch, signals: ReadonlySet<ExportSignal>): SignalBatch | null {
  const out: SignalBatch = {
    spans: signals.has('spans') ? batch.spans : [],
    logs: signals.has('logs') ? batch.logs : [],
    metrics: signals.has('metrics') ? batch.metrics : [],
  };
  return recordCount(out) === 0 ? null : out;
}

/** recordCount is the number of records in a batch. */
export function recordCount(batch: SignalBatch): number {
  return batch.spans.length + batch.logs.length + batch.metrics.length;
}
