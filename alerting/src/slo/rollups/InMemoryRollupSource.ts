import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import { windowSeconds } from '@sightline/slo';
import type { RollupSource, RollupWindowsResult } from './RollupSource';
import type { RollupWindows, WindowSums } from './RollupWindows';

/** RollupBucket is one time bucket of one tenant's counts. */
export interface RollupBucket extends WindowSums {
  /** startMs is the bucket start, epoch milliseconds. */
  startMs: number;
}

/** InMemoryRollupSource keeps buckets in memory and sums them like the collector: buckets starting at or after now − window. */
export class InMemoryRollupSource implements RollupSource {
  private readonly buckets = new Map<string, RollupBucket[]>();
  /** failing makes every call fail as an unreachable collector would. */
  failing = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** add records one bucket of counts for a tenant. */
  add(tenant: string, bucket: Partial<RollupBucket> & { startMs: number }): void {
    const full: RollupBucket = {
      requests: 0,
      errors: 0,
      rateLimited: 0,
      latencyBuckets: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0),
      ...bucket,
    };
    this.buckets.set(tenant, [...(this.buckets.get(tenant) ?? []), full]);
  }

  /** sums adds up a tenant's buckets over each window at the instant nowMs. */
  sums(tenant: string, windows: readonly string[], nowMs = this.now()): RollupWindows {
    const out: Record<string, WindowSums> = {};
    for (const w of windows) {
      const from = nowMs - windowSeconds(w) * 1000;
      const sum: WindowSums = {
        requests: 0,
        errors: 0,
        rateLimited: 0,
        latencyBuckets: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0),
      };
      for (const b of this.buckets.get(tenant) ?? []) {
        if (b.startMs < from || b.startMs > nowMs) continue;
        sum.requests += b.requests;
        sum.errors += b.errors;
        sum.rateLimited += b.rateLimited;
        b.latencyBuckets.forEach((n, i) => (sum.latencyBuckets[i] = (sum.latencyBuckets[i] ?? 0) + n));
      }
      out[w] = sum;
    }
    return { tenantId: tenant, to: new Date(nowMs).toISOString(), windows: out };
  }

  /** windows answers like the collector endpoint, or fails while `failing` is set. */
  windows(tenant: string, windows: readonly string[]): Promise<RollupWindowsResult> {
    if (this.failing)
      return Promise.resolve({
        kind: 'failure',
        reason: 'unavailable',
        detail: 'in-memory source set to fail',
      });
    return Promise.resolve({ kind: 'success', rollups: this.sums(tenant, windows) });
  }
}
