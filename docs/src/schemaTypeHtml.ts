import { escapeHtml } from './escapeHtml';
import type { JsonSchema } from './OpenApiDocument';

const COMPONENT = '#/components/schemas/';

/** schemaAnchor is the id of a component schema's section on the API reference page. */
export function schemaAnchor(name: string): string {
  return `schema-${name}`;
}

/** schemaTypeHtml writes a schema's type as one short expression: `string (date-time)`, `Alert[]`, `"a" | "b"`. */
export function schemaTypeHtml(schema: JsonSchema | undefined): string {
  if (!schema) return 'any';
  if (schema.$ref) {
    if (!schema.$ref.startsWith(COMPONENT)) return `<code>${escapeHtml(schema.$ref)}</code>`;
    const name = schema.$ref.slice(COMPONENT.length);
    return `<a href="#${escapeHtml(schemaAnchor(name))}">${escapeHtml(name)}</a>`;
  }
  const nullable = schema.nullable === true ? ' | null' : '';
  if (schema.oneOf ?? schema.anyOf)
    return (schema.oneOf ?? schema.anyOf)!.map(schemaTypeHtml).join(' | ') + nullable;
  if (schema.allOf) return schema.allOf.map(schemaTypeHtml).join(' &amp; ') + nullable;
  if (schema.enum) return schema.enum.map(literal).join(' | ') + nullable;
  if (schema.const !== undefined) return literal(schema.const) + nullable;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return schema.properties ? 'object' : 'any';
  return types.map((t) => oneType(t, schema)).join(' | ') + nullable;
}

function oneType(type: string, schema: JsonSchema): string {
  if (type === 'array') {
    const item = schemaTypeHtml(schema.items);
    return /[ |]/.test(item) ? `(${item})[]` : `${item}[]`;
  }
  if (type === 'object' && !schema.properties && typeof schema.additionalProperties === 'object') {
    return `map of string → ${schemaTypeHtml(schema.additionalProperties)}`;
  }
  return schema.format ? `${type} (${escapeHtml(schema.format)})` : type;
}

function literal(value: unknown): string {
  return `<code>${escapeHtml(JSON.stringify(value))}</code>`;
}
