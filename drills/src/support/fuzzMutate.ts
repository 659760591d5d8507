import fc from 'fast-check';
import { cloneJson, RawJson, setOwn } from './fuzzJson';
import { hostileKey, hostileValue } from './fuzzValues';

type Path = (string | number)[];
type Edit = { op: number; at: number; key: string; value: unknown };

const KEEP = 0;
const OPS = 6;

/**
 * fuzzMutate makes structurally valid-ish values from valid ones: each draw applies up to three edits to a copy of
 * a template (replace a part with a hostile value, drop a field, add a field, change a part's type, wrap it), or none,
 * so validators see both well-formed input and input that is wrong in one place deep inside.
 */
export function fuzzMutate(template: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const edit = fc.record({
    op: fc.nat({ max: OPS - 1 }),
    at: fc.nat(),
    key: hostileKey,
    value: hostileValue,
  });
  return fc
    .tuple(
      template,
      fc.oneof(
        { arbitrary: fc.constant([]), weight: 1 },
        { arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }), weight: 2 },
      ),
    )
    .map(([t, edits]) => edits.reduce<unknown>((v, e) => apply(v, e), cloneJson(t)));
}

function apply(root: unknown, e: Edit): unknown {
  if (e.op === KEEP) return root;
  const paths = pathsOf(root);
  const path = paths[e.at % paths.length]!;
  const node = get(root, path);
  switch (e.op) {
    case 1:
      return set(root, path, e.value);
    case 2: {
      if (path.length === 0) return e.value;
      const parent = get(root, path.slice(0, -1));
      const last = path[path.length - 1]!;
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else Reflect.deleteProperty(parent as object, last);
      return root;
    }
    case 3: {
      if (typeof node === 'object' && node !== null && !Array.isArray(node) && !(node instanceof RawJson)) {
        setOwn(node as Record<string, unknown>, e.key, e.value);
        return root;
      }
      if (Array.isArray(node)) {
        node.push(e.value);
        return root;
      }
      return set(root, path, e.value);
    }
    case 4:
      return set(root, path, retyped(node));
    default:
      return set(root, path, e.at % 2 === 0 ? [node] : { [e.key]: node });
  }
}

function retyped(node: unknown): unknown {
  if (typeof node === 'string') return /^-?\d+(\.\d+)?$/.test(node) ? Number(node) : node.length;
  if (typeof node === 'number') return String(node);
  if (typeof node === 'boolean') return node ? 'true' : 0;
  if (Array.isArray(node)) return Object.fromEntries(node.map((v, i) => [String(i), v]));
  if (node === null) return '';
  if (typeof node === 'object' && !(node instanceof RawJson)) return Object.values(node);
  return null;
}

function pathsOf(root: unknown): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, p: Path) => {
    out.push(p);
    if (p.length > 24 || out.length > 500 || v instanceof RawJson || typeof v !== 'object' || v === null)
      return;
    if (Array.isArray(v)) v.slice(0, 50).forEach((x, i) => walk(x, [...p, i]));
    else for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...p, k]);
  };
  walk(root, []);
  return out;
}

function get(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);
}

function set(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = get(root, path.slice(0, -1)) as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) parent[Number(last)] = value;
  else setOwn(parent as Record<string, unknown>, String(last), value);
  return root;
}
