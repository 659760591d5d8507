import { createHash } from 'node:crypto';
import type { SignalBatch } from '../../otlp/records';

/** SearchDocument is one document with the data stream and id it is created under. */
export interface SearchDocument {
  index: string;
  id: string;
  source: Record<string, unknown>;
}

/**
 * searchDocuments maps spans and logs to data stream documents (the same for Elasticsearch and OpenSearch). Ids are derived from the content, so a
 * retried batch creates nothing twice (a second `create` answers 409).
 */
export function searchDocuments(batch: SignalBatch, prefix: string): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const s of batch.spans) {
    docs.push({
      index: `${prefix}-spans`,
      id: `${s.traceId}-${s.spanId}`,
      source: {
        '@timestamp': s.startTime,
        trace_id: s.traceId,
        span_id: s.spanId,
        parent_span_id: s.parentSpanId,
        tenant_id: s.tenantId,
        service: s.service,
        name: s.name,
        kind: s.kind,
        end_time: s.endTime,
        duration_ms: s.durationMs,
        status_code: s.statusCode,
        status_message: s.statusMessage,
        attributes: s.attributes,
      },
    });
  }
  for (const l of batch.logs) {
    const source = {
      '@timestamp': l.time,
      observed_time: l.observedTime,
      tenant_id: l.tenantId,
      service: l.service,
      severity_number: l.severityNumber,
      severity_text: l.severityText,
      body: l.body,
      trace_id: l.traceId,
      span_id: l.spanId,
      attributes: l.attributes,
    };
    docs.push({
      index: `${prefix}-logs`,
      id: createHash('sha256').update(JSON.stringify(source)).digest('hex').slice(0, 40),
      source,
    });
  }
  return docs;
}
