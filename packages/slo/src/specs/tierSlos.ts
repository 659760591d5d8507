import type { Tier } from '@sightline/contracts';
import { TierDefaults } from '@sightline/contracts';
import type { SloPeriod } from '../windows';

/** TierSloName names the SLOs every tenant gets from its tier contract. */
export type TierSloName = 'availability' | 'latency';

/** TierSloContract is one contract SLO before per-tenant overrides. */
export interface TierSloContract {
  /** objectivePercent is the objective as a percentage, as in Sloth specs. */
  objectivePercent: number;
  period: SloPeriod;
  /** thresholdMs is the latency bound for the latency SLO; unused for availability. */
  thresholdMs?: number;
}

/** LATENCY_SLO_OBJECTIVE_PERCENT is the share of requests every tier promises under its p99 latency bound. */
export const LATENCY_SLO_OBJECTIVE_PERCENT = 99;

/** tierSlos returns a tier's contract SLOs: availability from TierDefaults, and latency p99 at 99 %. */
export function tierSlos(tier: Tier): Record<TierSloName, TierSloContract> {
  const d = TierDefaults[tier];
  return {
    availability: {
      objectivePercent: Number((d.availabilityObjective * 100).toPrecision(12)),
      period: '30d',
    },
    latency: { objectivePercent: LATENCY_SLO_OBJECTIVE_PERCENT, period: '30d', thresholdMs: d.latencyP99Ms },
  };
}
