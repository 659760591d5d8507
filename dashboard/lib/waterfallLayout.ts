import type { SpanView } from '@sightline/contracts';

/** WaterfallRow is one span placed in the waterfall: its nesting depth and its bar as percentages of the trace. */
export interface WaterfallRow {
  span: SpanView;
  depth: number;
  /** Where the bar starts, 0..100 % of the trace's duration. */
  offsetPct: number;
  /** How long the bar is, 0..100 % of the trace's duration (offset + width never exceeds 100). */
  widthPct: number;
}

/** WaterfallLayout is the ordered rows of a waterfall and the trace's time frame. */
export interface WaterfallLayout {
  rows: WaterfallRow[];
  startMs: number;
  totalMs: number;
}

function startOf(span: SpanView): number {
  return Date.parse(span.startTime);
}

function endOf(span: SpanView): number {
  return Math.max(startOf(span) + Math.max(0, span.durationMs), Date.parse(span.endTime) || 0);
}

function byStart(a: SpanView, b: SpanView): number {
  return startOf(a) - startOf(b) || a.spanId.localeCompare(b.spanId);
}

/**
 * waterfallLayout orders spans depth-first under their parents (siblings by start time) and places each bar
 * by start and duration. A span whose parent is not in the trace is drawn as a root, and a parent cycle in
 * bad data cannot loop: every span appears exactly once.
 */
export function waterfallLayout(spans: readonly SpanView[]): WaterfallLayout {
  const valid = spans.filter((s) => Number.isFinite(startOf(s)));
  if (valid.length === 0) return { rows: [], startMs: 0, totalMs: 0 };
  const startMs = Math.min(...valid.map(startOf));
  const totalMs = Math.max(...valid.map(endOf)) - startMs;
  const ids = new Set(valid.map((s) => s.spanId));
  const children = new Map<string, SpanView[]>();
  const roots: SpanView[] = [];
  for (const span of valid) {
    const parent = span.parentSpanId;
    if (parent === null || parent === span.spanId || !ids.has(parent)) roots.push(span);
    else children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const rows: WaterfallRow[] = [];
  const placed = new Set<string>();
  const place = (span: SpanView, depth: number) => {
    if (placed.has(span.spanId)) return;
    placed.add(span.spanId);
    const offset = totalMs > 0 ? ((startOf(span) - startMs) / totalMs) * 100 : 0;
    const width = totalMs > 0 ? (Math.max(0, span.durationMs) / totalMs) * 100 : 0;
    const offsetPct = clamp(offset, 0, 100);
    rows.push({ span, depth, offsetPct, widthPct: clamp(width, 0, 100 - offsetPct) });
    for (const child of [...(children.get(span.spanId) ?? [])].sort(byStart)) place(child, depth + 1);
  };
  for (const root of [...roots].sort(byStart)) place(root, 0);
  // Spans caught in a parent cycle are reachable from no root; they still get a row.
  for (const span of [...valid].sort(byStart)) place(span, 0);
  return { rows, startMs, totalMs };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
