import type { LogView, SpanView, TraceView } from '@sightline/contracts';
import { isRecord } from './isRecord';

// The client bundle does not ship zod, so these check just the fields the pages read.

/** LogPage is one page of GET /v1/logs. */
export interface LogPage {
  logs: LogView[];
  nextCursor: string | null;
}

/** ServiceList is the body of GET /v1/tenants/:id/services. */
export interface ServiceList {
  services: { service: string; lastSeen: string }[];
}

/** isLogView checks the fields of a log line the console shows. */
export function isLogView(v: unknown): v is LogView {
  return (
    isRecord(v) &&
    typeof v.id === 'string' &&
    typeof v.time === 'string' &&
    typeof v.service === 'string' &&
    typeof v.body === 'string' &&
    typeof v.severityNumber === 'number' &&
    (v.traceId === null || typeof v.traceId === 'string')
  );
}

/** isSpanView checks the fields of a span the waterfall draws. */
export function isSpanView(v: unknown): v is SpanView {
  return (
    isRecord(v) &&
    typeof v.spanId === 'string' &&
    (v.parentSpanId === null || typeof v.parentSpanId === 'string') &&
    typeof v.service === 'string' &&
    typeof v.name === 'string' &&
    typeof v.startTime === 'string' &&
    typeof v.durationMs === 'number' &&
    typeof v.statusCode === 'number' &&
    isRecord(v.attributes)
  );
}

/** isLogPage checks a GET /v1/logs body. */
export function isLogPage(v: unknown): v is LogPage {
  return (
    isRecord(v) &&
    Array.isArray(v.logs) &&
    v.logs.every(isLogView) &&
    (v.nextCursor === null || typeof v.nextCursor === 'string')
  );
}

/** isTraceView checks a GET /v1/traces/:traceId body. */
export function isTraceView(v: unknown): v is TraceView {
  return (
    isRecord(v) &&
    typeof v.traceId === 'string' &&
    Array.isArray(v.spans) &&
    v.spans.every(isSpanView) &&
    Array.isArray(v.logs) &&
    v.logs.every(isLogView)
  );
}

/** isServiceList checks a GET /v1/tenants/:id/services body. */
export function isServiceList(v: unknown): v is ServiceList {
  return (
    isRecord(v) &&
    Array.isArray(v.services) &&
    v.services.every((s) => isRecord(s) && typeof s.service === 'string')
  );
}
