import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import { z } from 'zod';

/** WindowSums are one tenant's rollup counts summed over one window. */
export const WindowSums = z.object({
  requests: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  rateLimited: z.number().int().nonnegative(),
  /** Counts per LATENCY_BUCKETS_MS bound, plus a final +Inf bucket. */
  // A collector on another bucket list would be miscounted silently; refusing it makes the round "bad_response".
  latencyBuckets: z.array(z.number().int().nonnegative()).length(LATENCY_BUCKETS_MS.length + 1),
});
/** WindowSums are one tenant's rollup counts summed over one window. */
export type WindowSums = z.infer<typeof WindowSums>;

/**
 * RollupWindows is the answer of `GET /internal/v1/rollups/:tenant/windows?windows=5m,30m,…` (the collector
 * endpoint this service needs; see ADR 0008): every requested window summed at the same instant `to`.
 */
export const RollupWindows = z.object({
  tenantId: z.string(),
  to: z.string(),
  windows: z.record(z.string(), WindowSums),
});
/** RollupWindows is the answer of the collector's multi-window rollups endpoint. */
export type RollupWindows = z.infer<typeof RollupWindows>;
