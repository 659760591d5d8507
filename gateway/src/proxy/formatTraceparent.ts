import type { SpanContext } from '@opentelemetry/api';

/** formatTraceparent renders a span context as a W3C traceparent header value. */
export function formatTraceparent(sc: SpanContext): string {
  return `00-${sc.traceId}-${sc.spanId}-${(sc.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}
