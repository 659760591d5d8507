import fc from 'fast-check';
import { fuzzPast } from './fuzzPast';

/** JsonSchema is the part of a JSON Schema (as OpenAPI 3.1 and zod's toJSONSchema write it) fuzzSchema reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  default?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** SchemaContext resolves `#/components/schemas/X` references and holds hand-written valid values for some of them. */
export interface SchemaContext {
  components: Record<string, JsonSchema>;
  /** hints are valid values for a component (`Name`) or one of its properties (`Name.prop`) a schema cannot say. */
  hints?: Record<string, fc.Arbitrary<unknown>>;
}

const MAX_DEPTH = 8;

/**
 * fuzzSchema generates values that a JSON Schema accepts (or nearly: a pattern's match may outgrow maxLength), from
 * its types, enums, bounds, patterns and formats, preferring its example and the hints for what a schema leaves
 * open (a schedule's rotation, a silence window); fuzzMutate then makes them wrong in one place.
 */
export function fuzzSchema(
  schema: JsonSchema,
  ctx: SchemaContext,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  if (depth > MAX_DEPTH) return fc.constant(null);
  if (schema.$ref !== undefined) {
    const ref = schema.$ref.replace('#/components/schemas/', '');
    const target = ctx.components[ref];
    const generated = target ? fuzzSchema(target, ctx, ref, depth + 1) : fc.constant({});
    const hint = ctx.hints?.[ref];
    return hint ? fc.oneof({ arbitrary: hint, weight: 3 }, { arbitrary: generated, weight: 1 }) : generated;
  }
  const own = generate(schema, ctx, name, depth);
  return schema.example === undefined ? own : fc.oneof(fc.constant(schema.example), own);
}

function generate(
  schema: JsonSchema,
  ctx: SchemaContext,
  name: string,
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches && branches.length > 0)
    return fc.oneof(...branches.map((b) => fuzzSchema(b, ctx, name, depth + 1)));
  if (schema.allOf && schema.allOf.length > 0) return fuzzSchema(schema.allOf[0]!, ctx, name, depth + 1);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : inferType(schema);
  return fc.oneof(...types.map((t) => ofType(t, schema, ctx, name, depth)));
}

function inferType(schema: JsonSchema): string[] {
  if (schema.properties || schema.additionalProperties !== undefined) return ['object'];
  if (schema.items) return ['array'];
  return ['string', 'number', 'boolean', 'object'];
}

function ofType(
  type: string,
  s: JsonSchema,
  ctx: SchemaContext,
  name: string,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: lower(s) ?? -1000, max: upper(s) ?? 1_000_000 });
    case 'number': {
      const min = lower(s) ?? -1000;
      const max = upper(s) ?? 1_000_000;
      return fc.oneof(
        fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
        fc.double({ min, max, noNaN: true }),
      );
    }
    case 'string':
      return string(s);
    case 'array': {
      const min = s.minItems ?? 0;
      const items = s.items ? fuzzSchema(s.items, ctx, name, depth + 1) : fc.string();
      return fc.array(items, { minLength: min, maxLength: Math.min(s.maxItems ?? min + 3, min + 3) });
    }
    default:
      return object(s, ctx, name, depth);
  }
}

function object(s: JsonSchema, ctx: SchemaContext, name: string, depth: number): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const keys = Object.keys(props);
  if (keys.length === 0) {
    const extra = s.additionalProperties;
    if (extra === undefined || extra === false) return fc.constant({});
    const value =
      extra === true || Object.keys(extra).length === 0
        ? fc.string({ maxLength: 20 })
        : fuzzSchema(extra, ctx, name, depth + 1);
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), value, { maxKeys: 3 });
  }
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of keys) {
    const hint = ctx.hints?.[`${name}.${k}`];
    const generated = fuzzSchema(props[k]!, ctx, name, depth + 1);
    model[k] = hint
      ? fc.oneof({ arbitrary: hint, weight: 3 }, { arbitrary: generated, weight: 1 })
      : generated;
  }
  return fc.record(model, { requiredKeys: s.required ?? [] });
}

function string(s: JsonSchema): fc.Arbitrary<string> {
  const maxLength = s.maxLength ?? 40;
  const minLength = s.minLength ?? 0;
  if (s.format === 'date-time') return fuzzPast(86_400_000, -86_400_000);
  if (s.format === 'date') return fuzzPast(30 * 86_400_000, 0).map((d) => d.slice(0, 10));
  if (s.format === 'email')
    return fc.oneof(
      {
        arbitrary: fc
          .tuple(
            fc.constantFrom('alice', 'bob.b', 'oncall+x'),
            fc.constantFrom('example.com', 'sightline.dev'),
          )
          .map(([u, d]) => `${u}@${d}`),
        weight: 3,
      },
      { arbitrary: fc.emailAddress().filter((e) => e.length <= maxLength), weight: 1 },
    );
  if (s.format === 'uri' || s.format === 'url') return fc.webUrl();
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
  return fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 40) });
}

function lower(s: JsonSchema): number | undefined {
  if (s.minimum !== undefined) return s.minimum;
  return s.exclusiveMinimum === undefined
    ? undefined
    : s.exclusiveMinimum + (s.type === 'integer' ? 1 : 1e-6);
}

function upper(s: JsonSchema): number | undefined {
  if (s.maximum !== undefined) return s.maximum;
  return s.exclusiveMaximum === undefined
    ? undefined
    : s.exclusiveMaximum - (s.type === 'integer' ? 1 : 1e-6);
}
