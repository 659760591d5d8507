import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import type { RollupSli } from './SloDefinition';

/** SliSums are rollup counts summed over some span: what an SLI is counted from. */
export interface SliSums {
  requests: number;
  errors: number;
  rateLimited: number;
  /** Counts per LATENCY_BUCKETS_MS bound, plus a final +Inf bucket. */
  latencyBuckets: readonly number[];
}

/** SliCounts are the bad and the valid events of one SLI over one span. */
export interface SliCounts {
  bad: number;
  valid: number;
}

/**
 * sliCounts counts an SLI's events in summed rollups. Availability: 5xx out of all requests but 429s (a 429 is the
 * limiter doing its job). Latency: requests above the bucket bound out of every request in the histogram, as the
 * generated rules count `_count − _bucket{le=bound}`. The SLO engine and the weekly reports both count with it.
 */
export function sliCounts(sli: RollupSli, sums: SliSums): SliCounts {
  if (sli.kind === 'availability') {
    const valid = Math.max(0, sums.requests - sums.rateLimited);
    return { bad: Math.min(sums.errors, valid), valid };
  }
  const index = LATENCY_BUCKETS_MS.indexOf(sli.boundMs as (typeof LATENCY_BUCKETS_MS)[number]);
  let valid = 0;
  let good = 0;
  sums.latencyBuckets.forEach((n, i) => {
    valid += n;
    if (i <= index) good += n;
  });
  return { bad: valid - good, valid };
}
