import { LATENCY_BUCKETS_MS } from '@sightline/contracts';

/**
 * latencyPercentile estimates a quantile (0..1) in milliseconds from rollup histogram counts the way Prometheus'
 * histogram_quantile does: linear within the bucket that holds the rank, the highest finite bound when the rank
 * falls in +Inf; null without observations.
 */
export function latencyPercentile(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let cumulative = 0;
  for (let i = 0; i < buckets.length; i++) {
    const count = buckets[i]!;
    if (count > 0 && cumulative + count >= rank) {
      if (i >= LATENCY_BUCKETS_MS.length) return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1]!;
      const lower = i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1]!;
      const upper = LATENCY_BUCKETS_MS[i]!;
      return Math.round((lower + ((upper - lower) * (rank - cumulative)) / count) * 10) / 10;
    }
    cumulative += count;
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1]!;
}
