import type { RollupSli, SloDefinition } from '@sightline/slo';

/** EvaluableSlo is an SLO the engine can evaluate: one whose SLI collector rollups can answer. */
export type EvaluableSlo = SloDefinition & { rollupSli: RollupSli };

/** isEvaluableSlo tells whether rollups can answer an SLO's SLI; the others are left to Prometheus. */
export function isEvaluableSlo(def: SloDefinition): def is EvaluableSlo {
  return def.rollupSli !== undefined;
}
