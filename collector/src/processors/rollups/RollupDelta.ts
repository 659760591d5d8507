/** RollupDelta is what one 10 s bucket of one tenant gained since the last flush. */
export interface RollupDelta {
  tenantId: string;
  /** Bucket start in Unix milliseconds (a multiple of ROLLUP_BUCKET_MS). */
  bucketStartMs: number;
  requests: number;
  errors: number;
  rateLimited: number;
  /** Counts per LATENCY_BUCKETS_MS bound plus a final +Inf bucket. */
  latencyBuckets: number[];
}

/** ROLLUP_BUCKET_MS is the width of one rollup bucket. */
export const ROLLUP_BUCKET_MS = 10_000;
