/**
 * RawJson is JSON text placed as is where a value goes: nesting 10,000 deep, a number JSON.parse turns into Infinity,
 * a duplicate key; none of which JSON.stringify could be asked to write.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/**
 * fuzzJson renders a generated value as JSON text: like JSON.stringify, but RawJson parts are written as they are,
 * own keys named `__proto__` are kept (they are created with defineProperty), and undefined is written as null.
 */
export function fuzzJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(fuzzJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const parts = Object.keys(value).map(
      (k) => `${JSON.stringify(k)}:${fuzzJson((value as Record<string, unknown>)[k])}`,
    );
    return `{${parts.join(',')}}`;
  }
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? 'null';
}

/** setOwn sets a key as an own enumerable property, so `__proto__` becomes a key and not the prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** cloneJson copies a generated value deeply, keeping RawJson parts and `__proto__` keys. */
export function cloneJson(value: unknown): unknown {
  if (value instanceof RawJson || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) setOwn(out, k, cloneJson((value as Record<string, unknown>)[k]));
  return out;
}
