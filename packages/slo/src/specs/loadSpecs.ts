import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SloDefinition } from '../SloDefinition';
import { SpecValidationError } from '../SpecValidationError';
import { MAX_SPEC_BYTES, parseSpecFile } from './parseSpecFile';

/**
 * loadSpecs parses every `*.yaml` under a folder (files named relative to root), and rejects an SLO defined
 * twice for one tenant.
 */
export function loadSpecs(dir: string, root: string): SloDefinition[] {
  const files = listYaml(dir).sort();
  const all: SloDefinition[] = [];
  const where = new Map<string, string>();
  for (const path of files) {
    const file = relative(root, path);
    // Checked before reading, so a runaway file is refused without loading it into memory.
    if (statSync(path).size > MAX_SPEC_BYTES)
      throw new SpecValidationError(file, '', `larger than ${MAX_SPEC_BYTES} bytes`);
    for (const def of parseSpecFile(readFileSync(path, 'utf8'), file)) {
      const key = `${def.tenant}/${def.slo}`;
      const other = where.get(key);
      if (other)
        throw new SpecValidationError(
          file,
          '',
          `SLO ${def.slo} of tenant ${def.tenant} is already defined in ${other}`,
        );
      where.set(key, file);
      all.push(def);
    }
  }
  return all;
}

function listYaml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    // Hidden entries are skipped: a Kubernetes ConfigMap volume keeps every file twice, once in a hidden
    // `..<timestamp>` folder, and editors leave hidden swap files.
    if (e.name.startsWith('.')) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return listYaml(path);
    return /\.ya?ml$/.test(e.name) ? [path] : [];
  });
}
