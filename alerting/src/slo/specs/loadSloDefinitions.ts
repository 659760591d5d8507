import { loadSpecs } from '@sightline/slo';
import type { EvaluableSlo } from '../EvaluableSlo';
import { isEvaluableSlo } from '../EvaluableSlo';

/** SkippedSpec is an SLO the engine does not evaluate, with its spec file and the reason. */
export interface SkippedSpec {
  file: string;
  tenant: string;
  slo: string;
  reason: string;
}

/** LoadedSlos are the SLOs the engine evaluates, and the ones it leaves to Prometheus. */
export interface LoadedSlos {
  definitions: EvaluableSlo[];
  skipped: SkippedSpec[];
}

/**
 * loadSloDefinitions reads and validates every spec under the specs folder exactly as the rules generator
 * does (files named relative to that folder; a bad spec throws SpecValidationError), and keeps the SLOs that
 * rollups can answer. Sloth and OpenSLO SLOs carry PromQL SLIs, so they are listed as skipped.
 */
export function loadSloDefinitions(dir: string): LoadedSlos {
  const definitions: EvaluableSlo[] = [];
  const skipped: SkippedSpec[] = [];
  for (const def of loadSpecs(dir, dir)) {
    if (isEvaluableSlo(def)) definitions.push(def);
    else
      skipped.push({
        file: def.source.file,
        tenant: def.tenant,
        slo: def.slo,
        reason: 'PromQL SLI (Sloth or OpenSLO): evaluated by Prometheus only',
      });
  }
  return { definitions, skipped };
}
