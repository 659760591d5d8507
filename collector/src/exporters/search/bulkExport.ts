import type { SignalBatch } from '../../otlp/records';
import type { DeadLetter, DeadLetterSink } from '../DeadLetterSink';
import type { ExportResult } from '../Exporter';
import { EXPORT_SUCCESS, exportFailure } from '../Exporter';
import type { SearchDocument } from './searchDocuments';
import { searchDocuments } from './searchDocuments';

/** SearchBulkOptions are what Elasticsearch and OpenSearch exports share. */
export interface SearchBulkOptions {
  /** Data streams are `<prefix>-spans` and `<prefix>-logs`. */
  prefix: string;
  /** How often the bulk helper itself retries items answered 429, before the batch is retried as a whole. */
  itemRetries: number;
  itemRetryWaitMs: number;
  deadLetters: DeadLetterSink;
  onDeadLetter?: (count: number) => void;
}

/** BulkDrop is an item the bulk helper gave up on: its status, the server's error, and the document. */
export interface BulkDrop {
  status: number;
  error?: { type?: string | null; reason?: string | null } | null;
  document: Record<string, unknown> | null;
}

/** BulkRequest is what both official clients' `helpers.bulk` take (their types differ, their contract does not). */
export interface BulkRequest {
  datasource: Array<Record<string, unknown>>;
  onDocument: (source: Record<string, unknown>) => { create: { _index: string; _id: string } };
  onDrop: (item: BulkDrop) => void;
  retries: number;
  wait: number;
  concurrency: number;
  flushBytes: number;
}

/**
 * bulkExport writes a batch with a client's bulk helper: items answered 429 or 5xx (after the helper's own retries)
 * make the batch retryable; items refused for their content (mapping errors) are dead-lettered with the reason; a 409
 * is a retried batch meeting the document its earlier try created. A failed request (unreachable, refused
 * credentials) is retryable, so nothing is dead-lettered for a fault of the connection.
 */
export async function bulkExport(
  exporter: string,
  batch: SignalBatch,
  options: SearchBulkOptions,
  bulk: (request: BulkRequest) => Promise<unknown>,
): Promise<ExportResult> {
  const docs = searchDocuments(batch, options.prefix);
  if (docs.length === 0) return EXPORT_SUCCESS;
  const meta = new Map<Record<string, unknown>, SearchDocument>(docs.map((d) => [d.source, d]));
  let throttled = 0;
  const dead: DeadLetter[] = [];
  try {
    await bulk({
      datasource: docs.map((d) => d.source),
      onDocument: (source) => {
        const d = meta.get(source)!;
        return { create: { _index: d.index, _id: d.id } };
      },
      onDrop: (item) => {
        if (item.status === 409) return;
        if (item.status === 429 || item.status >= 500) throttled++;
        else
          dead.push({
            exporter,
            reason: `${item.status} ${item.error?.type ?? 'error'}: ${item.error?.reason ?? ''}`.slice(
              0,
              500,
            ),
            record: item.document,
          });
      },
      retries: options.itemRetries,
      wait: options.itemRetryWaitMs,
      concurrency: 1,
      flushBytes: 5_000_000,
    });
  } catch (err) {
    return exportFailure(`bulk request failed: ${describeError(err)}`, true);
  }
  if (dead.length > 0) {
    try {
      await options.deadLetters.write(dead);
      options.onDeadLetter?.(dead.length);
    } catch (err) {
      return exportFailure(`cannot write dead letters: ${describeError(err)}`, true);
    }
  }
  return throttled > 0 ? exportFailure(`${throttled} documents throttled (429)`, true) : EXPORT_SUCCESS;
}

/**
 * searchMappings are the data streams' field types. `attributes` holds arbitrary keys, so it is one object field
 * whose leaves are indexed as keywords: `flattened` in Elasticsearch, `flat_object` in OpenSearch (2.7 and later).
 */
export function searchMappings(objectType: 'flattened' | 'flat_object'): Record<string, unknown> {
  return {
    properties: {
      '@timestamp': { type: 'date' },
      trace_id: { type: 'keyword' },
      span_id: { type: 'keyword' },
      tenant_id: { type: 'keyword' },
      service: { type: 'keyword' },
      severity_number: { type: 'short' },
      body: { type: 'text' },
      duration_ms: { type: 'double' },
      attributes: { type: objectType },
    },
  };
}

/** describeError is an error's message, short enough for a log line and a status answer. */
export function describeError(err: unknown): string {
  return err instanceof Error ? err.message.slice(0, 200) : 'unknown error';
}
