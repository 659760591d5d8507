import { escapeHtml } from './escapeHtml';
import type { JsonSchema } from './OpenApiDocument';

/** schemaConstraints lists, as HTML snippets, what a schema requires of a value beyond its type. */
export function schemaConstraints(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const out: string[] = [];
  const code = (v: unknown) => `<code>${escapeHtml(typeof v === 'string' ? v : JSON.stringify(v))}</code>`;
  const range = (what: string, min: number | undefined, max: number | undefined) => {
    if (min !== undefined && max !== undefined) out.push(`${what} ${min}–${max}`);
    else if (min !== undefined) out.push(`${what} ≥ ${min}`);
    else if (max !== undefined) out.push(`${what} ≤ ${max}`);
  };
  range('length', schema.minLength, schema.maxLength);
  range('value', schema.minimum, schema.maximum);
  range('items', schema.minItems, schema.maxItems);
  if (typeof schema.exclusiveMinimum === 'number') out.push(`value &gt; ${schema.exclusiveMinimum}`);
  if (typeof schema.exclusiveMaximum === 'number') out.push(`value &lt; ${schema.exclusiveMaximum}`);
  if (schema.pattern !== undefined) out.push(`pattern ${code(schema.pattern)}`);
  if (schema.default !== undefined) out.push(`default ${code(schema.default)}`);
  if (schema.example !== undefined) out.push(`example ${code(schema.example)}`);
  if (schema.additionalProperties === false && schema.properties) out.push('no other fields');
  return out;
}
