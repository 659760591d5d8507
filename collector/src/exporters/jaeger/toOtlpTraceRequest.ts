import type { JsonValue } from '../../otlp/otlpValues';
import type { JsonObject, SpanRecord } from '../../otlp/records';

/** toOtlpTraceRequest rebuilds an ExportTraceServiceRequest (protobufjs fromObject shape) from span records. */
export function toOtlpTraceRequest(spans: readonly SpanRecord[]): Record<string, unknown> {
  const byResource = new Map<string, { resource: JsonObject; spans: SpanRecord[] }>();
  for (const span of spans) {
    const key = JSON.stringify(span.resource);
    let group = byResource.get(key);
    if (!group) {
      group = { resource: span.resource, spans: [] };
      byResource.set(key, group);
    }
    group.spans.push(span);
  }
  return {
    resourceSpans: [...byResource.values()].map((g) => ({
      resource: { attributes: keyValues(g.resource) },
      scopeSpans: [{ scope: { name: 'sightline-collector' }, spans: g.spans.map(toSpan) }],
    })),
  };
}

function toSpan(s: SpanRecord): Record<string, unknown> {
  return {
    traceId: Buffer.from(s.traceId, 'hex'),
    spanId: Buffer.from(s.spanId, 'hex'),
    ...(s.parentSpanId ? { parentSpanId: Buffer.from(s.parentSpanId, 'hex') } : {}),
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: s.startUnixNano,
    endTimeUnixNano: s.endUnixNano,
    attributes: keyValues({ ...s.attributes, 'tenant.id': s.tenantId }),
    status: { code: s.statusCode, ...(s.statusMessage ? { message: s.statusMessage } : {}) },
  };
}

function keyValues(attrs: JsonObject): Record<string, unknown>[] {
  return Object.entries(attrs).map(([key, value]) => ({ key, value: anyValue(value) }));
}

function anyValue(value: JsonValue): Record<string, unknown> {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number')
    return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  if (value !== null && typeof value === 'object') return { kvlistValue: { values: keyValues(value) } };
  return {};
}
