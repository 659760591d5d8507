import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { SloDefinition } from '../SloDefinition';
import { parseTenantSlos } from './parseTenantSlos';
import { SloSpecError } from './SloSpecError';

/** MAX_SPEC_BYTES bounds a spec file, as the rules generator does. */
export const MAX_SPEC_BYTES = 1024 * 1024;

/** SkippedSpec is a spec file the engine does not evaluate, with the reason. */
export interface SkippedSpec {
  file: string;
  reason: string;
}

/** LoadedSlos are the SLOs the engine evaluates, and the spec files it leaves to Prometheus. */
export interface LoadedSlos {
  definitions: SloDefinition[];
  skipped: SkippedSpec[];
}

/**
 * loadSloDefinitions reads the tier-contract files (`sightline/v1` TenantSLOs) under the specs folder.
 * Sloth and OpenSLO files carry PromQL SLIs that rollups cannot answer, so they are listed as skipped.
 */
export function loadSloDefinitions(dir: string): LoadedSlos {
  const definitions: SloDefinition[] = [];
  const skipped: SkippedSpec[] = [];
  const where = new Map<string, string>();
  for (const path of listYaml(dir).sort()) {
    const file = relative(dir, path);
    if (statSync(path).size > MAX_SPEC_BYTES)
      throw new SloSpecError(file, '', `larger than ${MAX_SPEC_BYTES} bytes`);
    const docs = parseAllDocuments(readFileSync(path, 'utf8'));
    const list = Array.isArray(docs) ? docs : [docs];
    const values: unknown[] = [];
    for (const d of list) {
      const err = d.errors[0];
      if (err) throw new SloSpecError(file, '', `invalid YAML: ${err.message.split('\n')[0]}`);
      try {
        values.push(d.toJS({ maxAliasCount: 100 }));
      } catch (cause) {
        throw new SloSpecError(file, '', `invalid YAML: ${(cause as Error).message}`, { cause });
      }
    }
    const first = values[0] as Record<string, unknown> | null | undefined;
    if (values.length !== 1 || first?.apiVersion !== 'sightline/v1') {
      skipped.push({ file, reason: 'PromQL SLI (Sloth or OpenSLO): evaluated by Prometheus only' });
      continue;
    }
    for (const def of parseTenantSlos(first, file)) {
      const key = `${def.tenant}/${def.slo}`;
      const other = where.get(key);
      if (other)
        throw new SloSpecError(
          file,
          '',
          `SLO ${def.slo} of tenant ${def.tenant} is already defined in ${other}`,
        );
      where.set(key, file);
      definitions.push(def);
    }
  }
  return { definitions, skipped };
}

function listYaml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return listYaml(path);
    return /\.ya?ml$/.test(e.name) ? [path] : [];
  });
}
