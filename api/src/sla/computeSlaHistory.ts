import { TierDefaults } from '@sightline/contracts';
import type { Tenant } from '@sightline/contracts';
import type { RollupSeries, SlaHistory } from '../openapi/slaHistorySchemas';
import { measureTraffic } from './measureTraffic';

/**
 * computeSlaHistory turns the collector's per-step rollups into availability and latency per step, with the
 * same maths as a snapshot. Steps without data stay absent: a gap in traffic is not a step of perfect health.
 */
export function computeSlaHistory(series: RollupSeries, tenant: Tenant): SlaHistory {
  return {
    tenantId: tenant.id,
    tier: tenant.tier,
    objective: TierDefaults[tenant.tier].availabilityObjective,
    from: series.from,
    to: series.to,
    step: series.step,
    points: [...series.points]
      .sort((a, b) => Date.parse(a.t) - Date.parse(b.t))
      .map((p) => ({
        t: p.t,
        requests: p.requests,
        errors: p.errors,
        rateLimited: p.rateLimited,
        ...measureTraffic(p),
      })),
  };
}
