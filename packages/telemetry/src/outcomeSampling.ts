import type { Context } from '@opentelemetry/api';
import { SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import type {
  ReadableSpan,
  Sampler,
  SamplingResult,
  Span,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { SamplingDecision, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { RecentMap } from './RecentMap';

/**
 * OUTCOME_KEPT_ATTRIBUTE marks a root span whose outcome (failed, rate limited, slow) keeps its trace whatever the
 * sample ratio: such requests are all present, so each counts once; the others count as 1 / the ratio.
 */
export const OUTCOME_KEPT_ATTRIBUTE = 'sightline.trace.kept';

/** OutcomeRule says which unsampled traces are kept all the same, once their local root span has ended. */
export interface OutcomeRule {
  /** Keep a trace whose root took at least this long (ms); 0 keeps none for being slow. */
  slowMs: number;
}

/**
 * RecordingRatioSampler samples `ratio` of root traces as usual; the others are still recorded (RECORD, not
 * sampled), so that their outcome can be judged when they end. Downstream services see them as not sampled.
 */
export class RecordingRatioSampler implements Sampler {
  private readonly ratio: TraceIdRatioBasedSampler;

  constructor(ratio: number) {
    this.ratio = new TraceIdRatioBasedSampler(ratio);
  }

  shouldSample(context: Context, traceId: string): SamplingResult {
    const result = this.ratio.shouldSample(context, traceId);
    return result.decision === SamplingDecision.RECORD_AND_SAMPLED
      ? result
      : { decision: SamplingDecision.RECORD };
  }

  toString(): string {
    return `RecordingRatioSampler{${this.ratio.toString()}}`;
  }
}

/** RecordSampler records a span without sampling it: the children of a recorded, unsampled local root. */
export class RecordSampler implements Sampler {
  shouldSample(): SamplingResult {
    return { decision: SamplingDecision.RECORD };
  }

  toString(): string {
    return 'RecordSampler';
  }
}

/** markKept stamps OUTCOME_KEPT_ATTRIBUTE on an ended root span before it is exported. */
function markKept(span: ReadableSpan): void {
  (span.attributes as Record<string, unknown>)[OUTCOME_KEPT_ATTRIBUTE] = 'outcome';
}

/** keepsOutcome tells whether an ended root span failed (status ERROR, HTTP 5xx), was rate limited, or was slow. */
export function keepsOutcome(span: ReadableSpan, rule: OutcomeRule): boolean {
  if (span.status.code === SpanStatusCode.ERROR) return true;
  const status = span.attributes['http.response.status_code'];
  if (typeof status === 'number' && (status >= 500 || status === 429)) return true;
  const ms = span.duration[0] * 1000 + span.duration[1] / 1e6;
  return rule.slowMs > 0 && ms >= rule.slowMs;
}

/**
 * OutcomeKeepingProcessor passes sampled spans to `next` (the batch exporter), and holds the ended spans of a
 * recorded but unsampled trace until its local root ends: a root that failed, was rate limited or was slow is kept
 * with its children (marked sampled from then on, so the exporter takes them and a log line written after the end
 * carries their ids); the others are dropped. A child that ends after its root (an upstream exchange whose stream
 * finishes after the response) follows the root's verdict, remembered for the last `maxPendingTraces` roots or more. At most
 * `maxPendingTraces` unfinished traces are held (the oldest half dropped at once, in O(1): see RecentMap).
 */
export class OutcomeKeepingProcessor implements SpanProcessor {
  private readonly pending: RecentMap<string, ReadableSpan[]>;
  /** The verdicts of the latest roots (true: kept), for children that end after their root. */
  private readonly verdicts: RecentMap<string, boolean>;
  /** Traces kept for their outcome although not sampled. */
  kept = 0;

  constructor(
    private readonly next: SpanProcessor,
    private readonly rule: OutcomeRule,
    maxPendingTraces = 10_000,
  ) {
    this.pending = new RecentMap(maxPendingTraces);
    this.verdicts = new RecentMap(maxPendingTraces);
  }

  onStart(span: Span, parentContext: Context): void {
    this.next.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    const sc = span.spanContext();
    const parent = span.parentSpanContext;
    const localRoot = !parent || parent.isRemote;
    if ((sc.traceFlags & TraceFlags.SAMPLED) !== 0) {
      // A sampled root whose outcome would have kept it anyway says so, so that span counts can tell the requests
      // that are all present (count once) from the sampled rest (count as 1 / ratio).
      if (localRoot && keepsOutcome(span, this.rule)) markKept(span);
      this.next.onEnd(span);
      return;
    }
    if (!localRoot) {
      const verdict = this.verdicts.get(sc.traceId);
      if (verdict !== undefined) {
        if (verdict) this.keep(span);
        return;
      }
      let held = this.pending.get(sc.traceId);
      if (!held) {
        held = [];
        this.pending.set(sc.traceId, held);
      }
      held.push(span);
      return;
    }
    const children = this.pending.get(sc.traceId);
    this.pending.delete(sc.traceId);
    const kept = keepsOutcome(span, this.rule);
    this.verdicts.set(sc.traceId, kept);
    if (!kept) return;
    this.kept++;
    for (const s of children ?? []) this.keep(s);
    markKept(span);
    this.keep(span);
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    this.pending.clear();
    this.verdicts.clear();
    return this.next.shutdown();
  }

  private keep(span: ReadableSpan): void {
    // The span has ended: from here its context is read only by the exporter and by log lines written after the
    // end (the gateway's access line), and both must see the trace as kept.
    span.spanContext().traceFlags |= TraceFlags.SAMPLED;
    this.next.onEnd(span);
  }
}
