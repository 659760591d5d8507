import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import { histogramQuantile } from './histogramQuantile';

/** TrafficCounts are rolled-up requests of one tenant over some span of time. */
export interface TrafficCounts {
  requests: number;
  errors: number;
  rateLimited: number;
  /** Counts per bucket of LATENCY_BUCKETS_MS plus the +Inf bucket. */
  latencyBuckets: readonly number[];
}

/** TrafficMeasures are the SLIs read off TrafficCounts. */
export interface TrafficMeasures {
  availability: number | null;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
}

/**
 * measureTraffic computes availability and p50/p95/p99 from rolled-up counts. A 429 is the platform working
 * as sold, not an outage, so rate-limited requests leave the denominator; with nothing else left it is null.
 */
export function measureTraffic(counts: TrafficCounts): TrafficMeasures {
  const eligible = counts.requests - counts.rateLimited;
  const buckets = counts.latencyBuckets;
  return {
    availability: eligible > 0 ? clamp01(1 - counts.errors / eligible) : null,
    latencyMs: {
      p50: histogramQuantile(0.5, buckets, LATENCY_BUCKETS_MS),
      p95: histogramQuantile(0.95, buckets, LATENCY_BUCKETS_MS),
      p99: histogramQuantile(0.99, buckets, LATENCY_BUCKETS_MS),
    },
  };
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
