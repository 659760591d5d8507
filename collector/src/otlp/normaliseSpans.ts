import {
  cleanString,
  isRecord,
  keyValuesToJson,
  nanosToIso,
  readId,
  readInt,
  readUint64,
} from './otlpValues';
import type { Normalised, SpanRecord } from './records';
import { resolveTenant, serviceOf } from './resolveTenant';
import { walkOtlp } from './walkOtlp';

/** normaliseSpans turns an ExportTraceServiceRequest (decoded JSON or protobuf) into span records. */
export function normaliseSpans(request: unknown): Normalised<SpanRecord> {
  const out: Normalised<SpanRecord> = { records: [], rejected: 0, firstError: null };
  for (const group of walkOtlp(request, 'resourceSpans', 'scopeSpans', 'spans')) {
    const resource = keyValuesToJson(group.resourceAttributes);
    const service = serviceOf(resource);
    for (const item of group.items) {
      const result = toSpan(item, resource, service);
      if (typeof result === 'string') {
        out.rejected++;
        out.firstError ??= result;
      } else {
        out.records.push(result);
      }
    }
  }
  return out;
}

function toSpan(span: unknown, resource: SpanRecord['resource'], service: string): SpanRecord | string {
  if (!isRecord(span)) return 'span must be an object';
  const traceId = readId(span.traceId, 16);
  if (!traceId) return 'span has no valid 16-byte traceId';
  const spanId = readId(span.spanId, 8);
  if (!spanId) return 'span has no valid 8-byte spanId';
  const parentSpanId = readId(span.parentSpanId, 8);
  if (parentSpanId === null) return 'span has a malformed parentSpanId';
  const start = readUint64(span.startTimeUnixNano);
  const end = readUint64(span.endTimeUnixNano);
  if (start === null || end === null || start === 0n || end === 0n)
    return 'span needs startTimeUnixNano and endTimeUnixNano';
  if (end < start) return 'span ends before it starts';
  const kind = span.kind === undefined || span.kind === null ? 0 : readInt(span.kind, 0, 5);
  if (kind === null) return 'span kind must be an integer from 0 to 5';
  if (span.name !== undefined && span.name !== null && typeof span.name !== 'string')
    return 'span name must be a string';
  let statusCode = 0;
  let statusMessage: string | null = null;
  if (span.status !== undefined && span.status !== null) {
    if (!isRecord(span.status)) return 'span status must be an object';
    const code =
      span.status.code === undefined || span.status.code === null ? 0 : readInt(span.status.code, 0, 2);
    if (code === null) return 'span status code must be 0, 1 or 2';
    statusCode = code;
    if (typeof span.status.message === 'string' && span.status.message.length > 0)
      statusMessage = cleanString(span.status.message);
  }
  const attributes = keyValuesToJson(span.attributes);
  return {
    traceId,
    spanId,
    parentSpanId: parentSpanId === '' ? null : parentSpanId,
    tenantId: resolveTenant(attributes, resource),
    service,
    name: cleanString(typeof span.name === 'string' ? span.name : ''),
    kind,
    startTime: nanosToIso(start),
    endTime: nanosToIso(end),
    startUnixNano: start.toString(),
    endUnixNano: end.toString(),
    endUnixMs: Number(end / 1_000_000n),
    durationMs: Number(end - start) / 1e6,
    statusCode,
    statusMessage,
    attributes,
    resource,
  };
}
