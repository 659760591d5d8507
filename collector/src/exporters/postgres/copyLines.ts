import type { JsonObject, LogRecord, MetricPointRecord, SpanRecord } from '../../otlp/records';
import type { CopyValue } from './copyText';
import { copyField, copyJson, copyNumber, copyString } from './copyText';

// Records of a batch share their resource object, so its JSON is rendered once per batch, not once per row.
/** ResourceJson caches the COPY field of each resource object met in one batch. */
export type ResourceJson = Map<JsonObject, string>;

function resourceField(resource: JsonObject, cache: ResourceJson): string {
  let json = cache.get(resource);
  if (json === undefined) {
    json = copyJson(resource);
    cache.set(resource, json);
  }
  return json;
}

/** spanLine renders a span as a line of COPY text for collector.spans. */
export function spanLine(s: SpanRecord, resources: ResourceJson): string {
  return `${copyString(s.traceId)}\t${copyString(s.spanId)}\t${s.parentSpanId === null ? '\\N' : copyString(s.parentSpanId)}\t${copyString(s.tenantId)}\t${copyString(s.service)}\t${copyString(s.name)}\t${copyNumber(s.kind)}\t${copyString(s.startTime)}\t${copyString(s.endTime)}\t${copyNumber(s.durationMs)}\t${copyNumber(s.statusCode)}\t${s.statusMessage === null ? '\\N' : copyString(s.statusMessage)}\t${copyJson(s.attributes)}\t${resourceField(s.resource, resources)}\n`;
}

/** logLine renders a log record as a line of COPY text for collector.logs. */
export function logLine(l: LogRecord, resources: ResourceJson): string {
  const fields: CopyValue[] = [
    l.time,
    l.observedTime,
    l.tenantId,
    l.service,
    l.severityNumber,
    l.severityText,
    l.body,
    l.traceId,
    l.spanId,
  ];
  return `${fields.map(copyField).join('\t')}\t${copyJson(l.attributes)}\t${resourceField(l.resource, resources)}\n`;
}

/** metricLine renders a metric point as a line of COPY text for collector.metric_points. */
export function metricLine(m: MetricPointRecord, resources: ResourceJson): string {
  const fields: CopyValue[] = [
    m.time,
    m.startTime,
    m.tenantId,
    m.service,
    m.name,
    m.unit,
    m.kind,
    m.value,
    m.count,
    m.sum,
    m.bucketCounts,
    m.explicitBounds,
    m.temporality,
    m.monotonic,
  ];
  return `${fields.map(copyField).join('\t')}\t${copyJson(m.attributes)}\t${resourceField(m.resource, resources)}\n`;
}
