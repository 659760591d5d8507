import { TierDefaults } from '@sightline/contracts';
import type { RollupAggregate, SlaSnapshot, SlaWindow, Tenant } from '@sightline/contracts';
import { measureTraffic } from './measureTraffic';

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
  const { availability, latencyMs } = measureTraffic(aggregate);
  const objective = TierDefaults[tenant.tier].availabilityObjective;
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
    latencyMs,
    objective,
    errorBudgetRemaining: availability === null ? null : 1 - (1 - availability) / (1 - objective),
    updatedAt: now.toISOString(),
  };
}
