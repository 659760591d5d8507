import { parseAllDocuments } from 'yaml';
import type { SloDefinition } from '../SloDefinition';
import { SpecValidationError } from '../SpecValidationError';
import { parseOpenSloSpec } from './parseOpenSloSpec';
import { parseSlothSpec } from './parseSlothSpec';
import { parseTenantsSpec } from './parseTenantsSpec';

/** MAX_SPEC_BYTES bounds a spec file, so a runaway file fails fast instead of eating the generator. */
export const MAX_SPEC_BYTES = 1024 * 1024;

/** parseSpecFile reads one YAML spec file in any supported format (Sloth, OpenSLO, tenants) into SLOs. */
export function parseSpecFile(text: string, file: string): SloDefinition[] {
  if (Buffer.byteLength(text) > MAX_SPEC_BYTES)
    throw new SpecValidationError(file, '', `larger than ${MAX_SPEC_BYTES} bytes`);
  const documents = parseAllDocuments(text);
  const docs: unknown[] = [];
  for (const d of Array.isArray(documents) ? documents : [documents]) {
    const err = d.errors[0];
    if (err) throw new SpecValidationError(file, '', `invalid YAML: ${err.message.split('\n')[0]}`);
    let value: unknown;
    // A small alias budget refuses billion-laughs YAML instead of expanding it.
    try {
      value = d.toJS({ maxAliasCount: 100 });
    } catch (cause) {
      throw new SpecValidationError(file, '', `invalid YAML: ${(cause as Error).message}`);
    }
    if (value !== null && value !== undefined) docs.push(value);
  }
  if (docs.length === 0) throw new SpecValidationError(file, '', 'the file holds no document');
  const first = docs[0] as Record<string, unknown>;
  if (typeof first !== 'object' || Array.isArray(first))
    throw new SpecValidationError(file, '', 'a spec must be a YAML mapping');
  if (typeof first.version === 'string' && first.version.startsWith('prometheus/')) {
    return docs.flatMap((d) => parseSlothSpec(d, file));
  }
  if (first.apiVersion === 'openslo/v1') return parseOpenSloSpec(docs, file);
  if (first.apiVersion === 'sightline/v1' && docs.length === 1) return parseTenantsSpec(first, file);
  throw new SpecValidationError(
    file,
    first.apiVersion === undefined ? 'version' : 'apiVersion',
    'unknown spec format: expected Sloth `version: prometheus/v1`, OpenSLO `apiVersion: openslo/v1` or one `apiVersion: sightline/v1` TenantSLOs document',
  );
}
