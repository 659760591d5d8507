import fc from 'fast-check';
import { hostileString, POLLUTING_KEYS } from './fuzzValues';

/** MAX_QUERY_CHARS keeps a query string well inside Node's 16 KiB header limit, which refuses longer request lines itself. */
const MAX_QUERY_CHARS = 8_000;

const RAW_PIECES = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '%C0%80',
  '%ED%A0%80',
  '%FF',
  '+',
  '&&',
  '=',
  '==',
  '%26',
  '%3D',
  '[]',
  '[0]',
  '%5B%5D',
];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** MAX_VALUE_CHARS cuts a huge hostile string before it is encoded; the query is cut to MAX_QUERY_CHARS anyway. */
const MAX_VALUE_CHARS = 2_000;

/** pct percent-encodes a string as UTF-8, at most 2,000 characters of it (a lone surrogate becomes U+FFFD, as a browser sends it). */
export function pct(s: string): string {
  return encodeURIComponent(s.slice(0, MAX_VALUE_CHARS).replace(LONE_SURROGATE, '\uFFFD'));
}

/**
 * fuzzQuery makes query strings (without `?`) for a route whose parameters are given with valid-ish values: a valid
 * subset of them (always with the required ones), that subset with one or two hostile pieces added, or hostile pieces only (known parameters with
 * hostile values, repeated, unknown or polluting names, bracket syntax, raw pieces that are not valid percent-encoding).
 */
export function fuzzQuery(
  params: Record<string, fc.Arbitrary<string>>,
  required: readonly string[] = [],
): fc.Arbitrary<string> {
  const names = Object.keys(params);
  const known = names.length > 0 ? fc.constantFrom(...names) : fc.constant('q');
  const name = fc.oneof(
    { arbitrary: known, weight: 8 },
    { arbitrary: fc.constantFrom(...POLLUTING_KEYS), weight: 1 },
    { arbitrary: known.map((n) => `${n}[__proto__]`), weight: 1 },
    { arbitrary: hostileString.map((s) => s.slice(0, 64)), weight: 1 },
  );
  const pair = name.chain((n) =>
    fc
      .oneof(
        { arbitrary: Object.hasOwn(params, n) ? params[n]! : hostileString, weight: 5 },
        { arbitrary: hostileString, weight: 3 },
        { arbitrary: fc.constant(''), weight: 1 },
      )
      .map((v) => `${pct(n)}=${pct(v)}`),
  );
  const piece = fc.oneof(
    { arbitrary: pair, weight: 12 },
    { arbitrary: fc.constantFrom(...RAW_PIECES), weight: 1 },
    { arbitrary: fc.constantFrom(...RAW_PIECES).map((r) => `${names[0] ?? 'q'}=${r}`), weight: 1 },
  );
  const valid = fc
    .subarray(names.filter((n) => !required.includes(n)))
    .chain((optional) => {
      const chosen = [...required, ...optional];
      return fc.tuple(...chosen.map((n) => params[n]!.map((v) => `${pct(n)}=${pct(v)}`)));
    })
    .map((pairs) => pairs.join('&'));
  const join = (parts: string[]) =>
    parts
      .filter((p) => p !== '')
      .join('&')
      .slice(0, MAX_QUERY_CHARS);
  return fc.oneof(
    { arbitrary: valid, weight: 3 },
    {
      arbitrary: fc
        .tuple(valid, fc.array(piece, { minLength: 1, maxLength: 2 }))
        .map(([v, extra]) => join([v, ...extra])),
      weight: 3,
    },
    { arbitrary: fc.array(piece, { maxLength: 8 }).map(join), weight: 2 },
  );
}
