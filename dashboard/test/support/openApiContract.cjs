// The api's published contract (its OpenAPI golden file), for the fake api to check what it is sent and what it
// answers. A small JSON Schema checker covers the keywords that document uses; an unknown keyword fails loudly, so
// the fake never waves through something it did not check.
const fs = require('node:fs');
const path = require('node:path');

const DOC = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', '..', 'api', 'test', 'golden', 'openapi.json'), 'utf8'),
);

const IGNORED = new Set(['description', 'example', 'examples', 'title', 'format', 'default', 'deprecated']);
const CHECKED = new Set([
  '$ref',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'anyOf',
  'oneOf',
  'allOf',
]);

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function resolve(schema) {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const found = DOC.components.schemas[name];
  if (!found) throw new Error(`contract has no schema ${schema.$ref}`);
  return found;
}

// Returns the first problem as "path: message", in the api's own style, or null when the value fits.
function check(schema, value, at) {
  const s = resolve(schema);
  for (const key of Object.keys(s))
    if (!CHECKED.has(key) && !IGNORED.has(key)) throw new Error(`contract checker does not know "${key}"`);
  const where = at === '' ? 'body' : at;
  const sub = (k) => (at === '' ? String(k) : `${at}.${k}`);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number')))
      return `${where}: expected ${types.join(' or ')}, got ${t}`;
  }
  if (s.enum !== undefined && !s.enum.includes(value)) return `${where}: must be one of ${s.enum.join(', ')}`;
  if (s.const !== undefined && value !== s.const) return `${where}: must be ${JSON.stringify(s.const)}`;
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength) return `${where}: too short`;
    if (s.maxLength !== undefined && value.length > s.maxLength) return `${where}: too long`;
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(value))
      return `${where}: does not match ${s.pattern}`;
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) return `${where}: under ${s.minimum}`;
    if (s.maximum !== undefined && value > s.maximum) return `${where}: over ${s.maximum}`;
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum)
      return `${where}: not over ${s.exclusiveMinimum}`;
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum)
      return `${where}: not under ${s.exclusiveMaximum}`;
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) return `${where}: too few items`;
    if (s.maxItems !== undefined && value.length > s.maxItems) return `${where}: too many items`;
    if (s.items !== undefined)
      for (let i = 0; i < value.length; i++) {
        const p = check(s.items, value[i], sub(i));
        if (p) return p;
      }
  }
  if (typeOf(value) === 'object') {
    for (const r of s.required ?? []) if (!(r in value)) return `${sub(r)}: required`;
    for (const [k, v] of Object.entries(value)) {
      if (s.properties && k in s.properties) {
        const p = check(s.properties[k], v, sub(k));
        if (p) return p;
      } else if (s.additionalProperties === false) return `${where}: unknown key "${k}"`;
      else if (typeof s.additionalProperties === 'object') {
        const p = check(s.additionalProperties, v, sub(k));
        if (p) return p;
      }
    }
  }
  if (s.allOf)
    for (const part of s.allOf) {
      const p = check(part, value, at);
      if (p) return p;
    }
  if (s.anyOf && s.anyOf.every((part) => check(part, value, at) !== null))
    return `${where}: fits no alternative`;
  if (s.oneOf && s.oneOf.filter((part) => check(part, value, at) === null).length !== 1)
    return `${where}: must fit exactly one alternative`;
  return null;
}

/** schemaProblem checks a value against a named schema of the contract: null, or the first problem. */
function schemaProblem(name, value) {
  return check({ $ref: `#/components/schemas/${name}` }, value, '');
}

/** queryProblem checks a query string against an operation's declared query parameters (strict, like the api). */
function queryProblem(pathTemplate, method, searchParams) {
  const op = DOC.paths[pathTemplate]?.[method];
  if (!op) throw new Error(`contract has no ${method} ${pathTemplate}`);
  const params = new Map((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p]));
  for (const key of new Set(searchParams.keys())) {
    const p = params.get(key);
    if (!p) return `body: unknown query parameter "${key}"`;
    if (searchParams.getAll(key).length > 1) return `${key}: given more than once`;
    const problem = check(p.schema, searchParams.get(key), key);
    if (problem) return problem;
  }
  return null;
}

module.exports = { schemaProblem, queryProblem };
