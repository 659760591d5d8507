import { escapeHtml } from './escapeHtml';
import type { JsonSchema } from './OpenApiDocument';
import { schemaConstraints } from './schemaConstraints';
import { schemaTypeHtml } from './schemaTypeHtml';

// Deeper inline nesting than this is shown by type only; no schema of ours nests that far.
const MAX_DEPTH = 6;

interface FieldRow {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

/**
 * renderSchemaBlock describes a schema as HTML: its type, then a table of its fields, nested inline objects
 * flattened into dotted names (`a.b`, `list[].c`), and each variant of a oneOf/anyOf in turn.
 */
export function renderSchemaBlock(
  schema: JsonSchema | undefined,
  inline: (markdown: string) => string,
): string {
  if (!schema) return '<p>Type: any</p>\n';
  const parts: string[] = [];
  const description = schema.description ? `<p>${inline(schema.description)}</p>\n` : '';
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants && variants.some((v) => v.properties)) {
    parts.push(description, `<p>${schema.oneOf ? 'One' : 'Any'} of ${variants.length} shapes:</p>\n`);
    variants.forEach((variant, i) => {
      parts.push(`<p class="variant">Shape ${i + 1}: ${schemaTypeHtml(variant)}</p>\n`);
      parts.push(renderSchemaBlock({ ...variant, description: undefined }, inline));
    });
    return parts.join('');
  }
  const rows = fieldRows(schema, '', 0);
  const constraints = schemaConstraints(schema);
  parts.push(description);
  if (!schema.properties || constraints.length > 0 || rows.length === 0) {
    const extra = constraints.length > 0 ? `; ${constraints.join(', ')}` : '';
    parts.push(`<p>Type: ${schemaTypeHtml(schema)}${extra}</p>\n`);
  }
  if (rows.length > 0) parts.push(fieldTable(rows, inline));
  return parts.join('');
}

function fieldRows(schema: JsonSchema, prefix: string, depth: number): FieldRow[] {
  const object = schema.type === 'array' && schema.items && !schema.items.$ref ? schema.items : schema;
  const base = object === schema ? prefix : `${prefix}[]`;
  if (!object.properties || depth >= MAX_DEPTH) return [];
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties).flatMap(([name, property]) => {
    const path = base === '' ? name : `${base}.${name}`;
    return [
      { name: path, schema: property, required: required.has(name) },
      ...fieldRows(property, path, depth + 1),
    ];
  });
}

function fieldTable(rows: FieldRow[], inline: (markdown: string) => string): string {
  const body = rows
    .map(({ name, schema, required }) => {
      const notes = [schema.description ? inline(schema.description) : '', ...schemaConstraints(schema)]
        .filter((n) => n !== '')
        .join('; ');
      return `<tr><td><code>${escapeHtml(name)}</code></td><td>${schemaTypeHtml(schema)}</td><td>${required ? 'yes' : 'no'}</td><td>${notes}</td></tr>`;
    })
    .join('\n');
  return `<table class="fields">\n<thead><tr><th>field</th><th>type</th><th>required</th><th>notes</th></tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n`;
}
