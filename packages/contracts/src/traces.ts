import { z } from 'zod';

/** TraceId is a 32-hex-digit W3C trace id (lower case). */
export const TraceId = z.string().regex(/^[0-9a-f]{32}$/, 'trace id must be 32 lower-case hex digits');

/** Attributes is a flat map of OTel attribute values. */
export const Attributes = z.record(z.string(), z.unknown());

/** SpanView is one stored span. */
export const SpanView = z.object({
  traceId: TraceId,
  spanId: z.string(),
  parentSpanId: z.string().nullable(),
  tenantId: z.string(),
  service: z.string(),
  name: z.string(),
  kind: z.number().int(),
  startTime: z.string(),
  endTime: z.string(),
  durationMs: z.number(),
  statusCode: z.number().int(),
  statusMessage: z.string().nullable(),
  attributes: Attributes,
});
/** SpanView is one stored span. */
export type SpanView = z.infer<typeof SpanView>;

/** LogView is one stored log record. */
export const LogView = z.object({
  id: z.string(),
  time: z.string(),
  tenantId: z.string(),
  service: z.string(),
  severityText: z.string().nullable(),
  severityNumber: z.number().int(),
  body: z.string(),
  traceId: z.string().nullable(),
  spanId: z.string().nullable(),
  attributes: Attributes,
});
/** LogView is one stored log record. */
export type LogView = z.infer<typeof LogView>;

/** TraceView is a trace with all its spans and all its logs, both in time order. */
export const TraceView = z.object({ traceId: TraceId, spans: z.array(SpanView), logs: z.array(LogView) });
/** TraceView is a trace with all its spans and all its logs, both in time order. */
export type TraceView = z.infer<typeof TraceView>;
