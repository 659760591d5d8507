import { z } from 'zod';

/**
 * LATENCY_BUCKETS_MS are the upper bounds of the rollup latency histogram; a last +Inf bucket follows.
 * Every tier's p99 target (TierDefaults.latencyP99Ms) is a bound, so a latency SLO is measured at its contract
 * threshold and not at a stricter bound below it. Stored rollup rows hold one count per slot by position:
 * changing this list needs a collector migration that reshapes `collector.sli_rollups.latency_buckets`.
 */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 300, 500, 1000, 2500, 5000, 10000] as const;

/** latencyBucketIndex is the index of the first LATENCY_BUCKETS_MS bound a duration fits under, or the +Inf bucket. */
export function latencyBucketIndex(durationMs: number): number {
  for (let i = 0; i < LATENCY_BUCKETS_MS.length; i++) if (durationMs <= LATENCY_BUCKETS_MS[i]!) return i;
  return LATENCY_BUCKETS_MS.length;
}

/**
 * SLI_METRIC is the OTLP histogram a service sends its SLIs as: the semantic-convention request duration, in seconds,
 * delta temporality, with `tenant.id` and `http.response.status_code` on each data point. The collector turns it into
 * rollups for a resource that says `SLI_SOURCE_ATTRIBUTE: "metrics"` (and then no longer counts that resource's spans).
 */
export const SLI_METRIC = 'http.server.request.duration';
/** SLI_SOURCE_ATTRIBUTE is the resource attribute by which a service says its SLIs come as SLI_METRIC points. */
export const SLI_SOURCE_ATTRIBUTE = 'sightline.sli.source';
/**
 * SAMPLE_RATIO_ATTRIBUTE is the resource attribute with the head-sampling ratio of a service's root spans, so span
 * counts (a tenant's top failing routes) can be scaled back to request counts.
 */
export const SAMPLE_RATIO_ATTRIBUTE = 'sightline.trace.sample_ratio';

/** RollupAggregate is one tenant's rollups summed over a window, as the collector serves them. */
export const RollupAggregate = z.object({
  tenantId: z.string(),
  from: z.string(),
  to: z.string(),
  requests: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  rateLimited: z.number().int().nonnegative(),
  /** Counts per bucket of LATENCY_BUCKETS_MS, plus a final +Inf bucket (length = bounds + 1). */
  latencyBuckets: z.array(z.number().int().nonnegative()),
});
/** RollupAggregate is one tenant's rollups summed over a window. */
export type RollupAggregate = z.infer<typeof RollupAggregate>;
