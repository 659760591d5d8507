import type { SpanView } from '@sightline/contracts';

/** SLOW_SPAN_MS is the duration from which a span counts as slow (the pro tier's p99 objective). */
export const SLOW_SPAN_MS = 500;

/** SpanStatus is a span's OpenTelemetry status as the waterfall colours and names it. */
export type SpanStatus = 'unset' | 'ok' | 'error';

/** spanStatus maps the OTel status code (0 unset, 1 ok, 2 error) to a SpanStatus. */
export function spanStatus(span: Pick<SpanView, 'statusCode'>): SpanStatus {
  return span.statusCode === 2 ? 'error' : span.statusCode === 1 ? 'ok' : 'unset';
}

/** isSlowSpan says whether a span took at least SLOW_SPAN_MS. */
export function isSlowSpan(span: Pick<SpanView, 'durationMs'>): boolean {
  return span.durationMs >= SLOW_SPAN_MS;
}
