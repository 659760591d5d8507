import { LATENCY_BUCKETS_MS, TierDefaults } from '@sightline/contracts';
import type { RollupAggregate, SlaSnapshot, SlaWindow, Tenant } from '@sightline/contracts';
import { histogramQuantile } from './histogramQuantile';

/**
 * computeSla turns one tenant's rolled-up traffic over a window into its SLA snapshot.
 * A 429 is the platform working as sold, not an outage, so rate-limited requests leave the denominator.
 */
export function computeSla(
  aggregate: RollupAggregate,
  tenant: Tenant,
  window: SlaWindow,
  now: Date,
): SlaSnapshot {
  const eligible = aggregate.requests - aggregate.rateLimited;
  const availability = eligible > 0 ? clamp01(1 - aggregate.errors / eligible) : null;
  const objective = TierDefaults[tenant.tier].availabilityObjective;
  const buckets = aggregate.latencyBuckets;
  return {
    tenantId: tenant.id,
    tier: tenant.tier,
    window,
    from: aggregate.from,
    to: aggregate.to,
    requests: aggregate.requests,
    errors: aggregate.errors,
    rateLimited: aggregate.rateLimited,
    availability,
    latencyMs: {
      p50: histogramQuantile(0.5, buckets, LATENCY_BUCKETS_MS),
      p95: histogramQuantile(0.95, buckets, LATENCY_BUCKETS_MS),
      p99: histogramQuantile(0.99, buckets, LATENCY_BUCKETS_MS),
    },
    objective,
    errorBudgetRemaining: availability === null ? null : 1 - (1 - availability) / (1 - objective),
    updatedAt: now.toISOString(),
  };
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
