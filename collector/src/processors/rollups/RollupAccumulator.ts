import {
  LATENCY_BUCKETS_MS,
  PLATFORM_TENANT,
  SLI_METRIC,
  SLI_SOURCE_ATTRIBUTE,
  latencyBucketIndex,
} from '@sightline/contracts';
import type { MetricPointRecord, SignalBatch, SpanRecord } from '../../otlp/records';
import type { CommitObserver } from '../Processor';
import type { RollupDelta } from './RollupDelta';
import { ROLLUP_BUCKET_MS } from './RollupDelta';

const SERVER_KIND = 2;
const STATUS_ATTRIBUTE = 'http.response.status_code';
const DELTA = 1;
const UNIT_TO_MS: Record<string, number | undefined> = { s: 1000, ms: 1 };

/** RollupBound caps the deltas an accumulator holds while flushes keep failing. */
export interface RollupBound {
  /** Most (tenant, bucket) deltas held; past it the oldest buckets are dropped. */
  maxPending: number;
  /** Told of every drop: how many deltas went, and the requests they counted. */
  onDrop?: (deltas: number, requests: number) => void;
}

/**
 * RollupAccumulator sums SLI counts of server spans per tenant and 10 s bucket in memory until they are flushed.
 * While flushes keep failing (the database refuses the rollup table but still takes spans) it holds at most
 * `maxPending` deltas: past that it drops the oldest buckets, a tenth of the bound at a time, and says so.
 */
export class RollupAccumulator implements CommitObserver {
  readonly name = 'rollups';
  private deltas = new Map<string, RollupDelta>();
  private readonly services: ReadonlySet<string>;
  private readonly bound: RollupBound;

  constructor(sliServices: readonly string[], bound: RollupBound = { maxPending: 100_000 }) {
    this.services = new Set(sliServices);
    this.bound = bound;
  }

  /** observe counts the committed spans and SLI metric points of a batch. */
  observe(batch: SignalBatch): void {
    if (batch.spans.length > 0) this.add(batch.spans);
    if (batch.metrics.length > 0) this.addPoints(batch.metrics);
  }

  /**
   * add counts every span that is an SLI request: a SERVER span of an SLI service, with a tenant and a status, from a
   * resource that does not send its SLIs as metrics (ADR 0009; those spans may be sampled, and are counted as points).
   */
  add(spans: readonly SpanRecord[]): number {
    let counted = 0;
    for (const span of spans) {
      if (span.kind !== SERVER_KIND || span.tenantId === PLATFORM_TENANT || !this.services.has(span.service))
        continue;
      if (span.resource[SLI_SOURCE_ATTRIBUTE] === 'metrics') continue;
      const status = statusOf(span.attributes[STATUS_ATTRIBUTE]);
      if (status === null) continue;
      const bucketStartMs = Math.floor(span.endUnixMs / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS;
      const d = this.bucket(span.tenantId, bucketStartMs);
      d.requests++;
      if (status >= 500) d.errors++;
      if (status === 429) d.rateLimited++;
      d.latencyBuckets[latencyBucketIndex(span.durationMs)]!++;
      counted++;
    }
    this.enforceBound();
    return counted;
  }

  /**
   * addPoints counts the SLI_METRIC histogram points of SLI services whose resource sends its SLIs as metrics: delta
   * temporality, a tenant and a status code on the point. Each point goes to the bucket of its start time (a sender
   * never lets a point span two buckets). Bounds equal to the rollup bounds map one to one; other bounds put each
   * bucket's count under the first rollup bound at or above its upper bound, so a latency is never counted as faster
   * than it was. It returns the requests counted.
   */
  addPoints(points: readonly MetricPointRecord[]): number {
    let counted = 0;
    for (const p of points) {
      if (p.name !== SLI_METRIC || p.kind !== 'histogram' || p.temporality !== DELTA) continue;
      if (p.tenantId === PLATFORM_TENANT || !this.services.has(p.service)) continue;
      if (p.resource[SLI_SOURCE_ATTRIBUTE] !== 'metrics') continue;
      const status = statusOf(p.attributes[STATUS_ATTRIBUTE]);
      const toMs = UNIT_TO_MS[p.unit];
      const counts = p.bucketCounts;
      if (status === null || toMs === undefined || counts === null || !p.count) continue;
      const at = Date.parse(p.startTime ?? p.time);
      if (!Number.isFinite(at)) continue;
      const d = this.bucket(p.tenantId, Math.floor(at / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS);
      d.requests += p.count;
      if (status >= 500) d.errors += p.count;
      if (status === 429) d.rateLimited += p.count;
      const bounds = p.explicitBounds ?? [];
      for (let i = 0; i < counts.length; i++) {
        const n = counts[i]!;
        if (n === 0) continue;
        const slot =
          i < bounds.length ? latencyBucketIndex(bounds[i]! * toMs * (1 - 1e-9)) : LATENCY_BUCKETS_MS.length;
        d.latencyBuckets[slot]! += n;
      }
      counted += p.count;
    }
    this.enforceBound();
    return counted;
  }

  /** take hands over every pending delta and starts afresh. */
  take(): RollupDelta[] {
    const out = [...this.deltas.values()];
    this.deltas = new Map();
    return out;
  }

  /** restore puts deltas that could not be written back, merged with anything counted since. */
  restore(deltas: readonly RollupDelta[]): void {
    for (const delta of deltas) {
      const d = this.bucket(delta.tenantId, delta.bucketStartMs);
      d.requests += delta.requests;
      d.errors += delta.errors;
      d.rateLimited += delta.rateLimited;
      delta.latencyBuckets.forEach((n, i) => {
        d.latencyBuckets[i] = (d.latencyBuckets[i] ?? 0) + n;
      });
    }
    this.enforceBound();
  }

  /** size is the number of pending (tenant, bucket) deltas. */
  get size(): number {
    return this.deltas.size;
  }

  /** enforceBound drops the oldest buckets, down to nine tenths of the bound, once the bound is passed. */
  private enforceBound(): void {
    const { maxPending, onDrop } = this.bound;
    if (this.deltas.size <= maxPending) return;
    const keep = Math.floor(maxPending * 0.9);
    const oldestFirst = [...this.deltas].sort((x, y) => x[1].bucketStartMs - y[1].bucketStartMs);
    let requests = 0;
    const drop = oldestFirst.length - keep;
    for (let i = 0; i < drop; i++) {
      const [key, delta] = oldestFirst[i]!;
      requests += delta.requests;
      this.deltas.delete(key);
    }
    onDrop?.(drop, requests);
  }

  private bucket(tenantId: string, bucketStartMs: number): RollupDelta {
    const key = `${tenantId}\u0000${bucketStartMs}`;
    let d = this.deltas.get(key);
    if (!d) {
      d = {
        tenantId,
        bucketStartMs,
        requests: 0,
        errors: 0,
        rateLimited: 0,
        latencyBuckets: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0),
      };
      this.deltas.set(key, d);
    }
    return d;
  }
}

function statusOf(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 100 && n <= 599 ? n : null;
}
