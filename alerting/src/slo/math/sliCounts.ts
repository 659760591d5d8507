import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import type { RollupSli } from '@sightline/slo';
import type { WindowSums } from '../rollups/RollupWindows';

/** SliCounts are the bad and the valid events of one SLI over one window. */
export interface SliCounts {
  bad: number;
  valid: number;
}

/**
 * sliCounts counts an SLI's events in one window's sums. Availability: 5xx out of all requests but 429s (a 429
 * is the limiter doing its job). Latency: requests above the bucket bound out of every request in the histogram,
 * as the generated rules count `_count − _bucket{le=bound}`.
 */
export function sliCounts(sli: RollupSli, sums: WindowSums): SliCounts {
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
