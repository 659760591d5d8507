// Readers for OTLP field values that arrive either from OTLP/JSON (hex ids, int64 as number or string)
// or from protobufjs decoding (ids as bytes, int64 as Long). Every reader returns null on a bad value
// instead of throwing, because the input is untrusted.
import { newAttributeMap } from './newAttributeMap';

const HEX = /^[0-9a-fA-F]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for.
const MAYBE_UNCLEAN = /[\u0000\uD800-\uDFFF]/;
const MAX_DEPTH = 16;
const MAX_UINT64 = (1n << 64n) - 1n;

/** JsonValue is an attribute value after conversion, ready for a jsonb column. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** isRecord tells whether a value is a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/** cleanString removes what PostgreSQL text and jsonb refuse: NUL characters and lone UTF-16 surrogates. */
export function cleanString(value: string): string {
  // Almost every string has neither, and one scan to say so costs less than the two replacements.
  if (!MAYBE_UNCLEAN.test(value)) return value;
  return value.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * readId returns an OTLP trace or span id as lower-case hex, '' when absent or empty, or null when malformed.
 * An all-zero id is invalid by the W3C trace context spec, so it counts as malformed.
 */
export function readId(value: unknown, bytes: 8 | 16): string | null {
  let hex: string;
  if (value === undefined || value === null) return '';
  if (value instanceof Uint8Array) {
    if (value.length === 0) return '';
    if (value.length !== bytes) return null;
    hex = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  } else if (typeof value === 'string') {
    if (value.length === 0) return '';
    if (value.length !== bytes * 2 || !HEX.test(value)) return null;
    hex = value.toLowerCase();
  } else {
    return null;
  }
  return /^0+$/.test(hex) ? null : hex;
}

/** readUint64 reads an unsigned 64-bit integer given as a number, decimal string, bigint or protobufjs Long. */
export function readUint64(value: unknown): bigint | null {
  let n: bigint;
  if (value === undefined || value === null) return 0n;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isInteger(value)) return null;
    n = BigInt(value);
  } else if (typeof value === 'string') {
    if (!/^\d{1,20}$/.test(value)) return null;
    n = BigInt(value);
  } else if (isRecord(value) && typeof value.low === 'number' && typeof value.high === 'number') {
    n = (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
  } else {
    return null;
  }
  return n < 0n || n > MAX_UINT64 ? null : n;
}

/** readInt reads a small integer (an enum or int32) given as a number or decimal string. */
export function readInt(value: unknown, min: number, max: number): number | null {
  const n = typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) return null;
  return n;
}

/** nanosToIso renders Unix nanoseconds as an ISO 8601 UTC timestamp with microsecond precision. */
export function nanosToIso(nanos: bigint): string {
  const ms = nanos / 1_000_000n;
  const micros = (nanos / 1000n) % 1000n;
  const base = new Date(Number(ms)).toISOString();
  return `${base.slice(0, -1)}${micros.toString().padStart(3, '0')}Z`;
}

/** anyValueToJson converts an OTLP AnyValue into a JSON value; int64 beyond 2^53 stays a decimal string. */
export function anyValueToJson(value: unknown, depth = 0): JsonValue {
  if (!isRecord(value)) return null;
  if (depth > MAX_DEPTH) return '[too deep]';
  if (typeof value.stringValue === 'string') return cleanString(value.stringValue);
  if (typeof value.boolValue === 'boolean') return value.boolValue;
  if (value.intValue !== undefined && value.intValue !== null) return intToJson(value.intValue);
  if (value.doubleValue !== undefined && value.doubleValue !== null) {
    const d = typeof value.doubleValue === 'string' ? Number(value.doubleValue) : value.doubleValue;
    if (typeof d !== 'number') return null;
    // jsonb has no NaN or Infinity, so those keep their names as strings.
    return Number.isFinite(d) ? d : String(d);
  }
  if (isRecord(value.arrayValue)) {
    const values = value.arrayValue.values;
    return Array.isArray(values) ? values.map((v) => anyValueToJson(v, depth + 1)) : [];
  }
  if (isRecord(value.kvlistValue)) return keyValuesToJson(value.kvlistValue.values, depth + 1);
  if (value.bytesValue instanceof Uint8Array) return Buffer.from(value.bytesValue).toString('base64');
  if (typeof value.bytesValue === 'string') return cleanString(value.bytesValue);
  return null;
}

function intToJson(value: unknown): JsonValue {
  let n: bigint | null = null;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) n = BigInt(value);
  else if (isRecord(value) && typeof value.low === 'number' && typeof value.high === 'number') {
    n = BigInt.asIntN(64, (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0));
  }
  if (n === null) return null;
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(n)
    : n.toString();
}

/** keyValuesToJson converts a list of OTLP KeyValue into an object; a malformed list yields an empty object. */
export function keyValuesToJson(list: unknown, depth = 0): { [key: string]: JsonValue } {
  const out = newAttributeMap();
  if (!Array.isArray(list) || depth > MAX_DEPTH) return out;
  for (const kv of list) {
    if (!isRecord(kv) || typeof kv.key !== 'string') continue;
    out[cleanString(kv.key)] = anyValueToJson(kv.value, depth);
  }
  return out;
}
