import { LATENCY_BUCKETS_MS } from '@sightline/contracts';

/**
 * latencyBucketFor returns the `le` label of the largest gateway histogram bound at or under a threshold;
 * a threshold between bounds is measured at the lower bound, which is stricter than the contract.
 */
export function latencyBucketFor(thresholdMs: number): { le: string; boundMs: number } | undefined {
  const bound = [...LATENCY_BUCKETS_MS].reverse().find((b) => b <= thresholdMs);
  if (bound === undefined) return undefined;
  return { le: String(bound / 1000), boundMs: bound };
}
