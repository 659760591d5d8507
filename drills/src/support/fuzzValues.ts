import fc from 'fast-check';
import { RawJson, setOwn } from './fuzzJson';

/** POLLUTING_KEYS are keys that reach Object.prototype (or shadow a method) when code copies objects carelessly. */
export const POLLUTING_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'toJSON',
  'then',
];

const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '🔥👩‍👩‍👧‍👦',
  'Z̴̡̛̗̈́a̸̧̺͒l̵̞̈g̶̱̓ő̷̪',
  '\ufeff',
  '\r\n\t\b\f\v',
  "'; DROP TABLE users; --",
  '%00%zz%',
  '../../../../etc/passwd',
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x1f',
  '2026-02-30T25:61:61Z',
  '9999-12-31T23:59:59.999Z',
  '0000-01-01T00:00:00Z',
  'null',
  'true',
  '[]',
  '{}',
  'x'.repeat(257),
];

const SPECIAL_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  255,
  256,
  65_535,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  -Number.MAX_VALUE,
  1e21,
];

/** RAW_NUMBERS are number literals JSON allows but JavaScript cannot hold as written. */
const RAW_NUMBERS = [
  '1e999',
  '-1e999',
  '1e-999',
  '123456789012345678901234567890',
  '-0.0e0',
  '0.' + '1'.repeat(400),
];

const hugeString = fc
  .tuple(fc.string({ minLength: 1, maxLength: 8, unit: 'binary' }), fc.integer({ min: 1_000, max: 40_000 }))
  .map(([s, n]) => s.repeat(n));

/** hostileString is a string a validator may not expect: empty, NUL, lone surrogates, RTL, injections, huge. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SPECIAL_STRINGS), weight: 6 },
  { arbitrary: fc.string({ maxLength: 40, unit: 'binary' }), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40, unit: 'grapheme' }), weight: 2 },
  { arbitrary: fc.string({ maxLength: 300 }), weight: 1 },
  { arbitrary: hugeString, weight: 1 },
);

/** hostileNumber is a number at a boundary, a fraction where an integer goes, or a float of any size. */
export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...SPECIAL_NUMBERS),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...RAW_NUMBERS).map((t) => new RawJson(t)),
);

/** deepNesting is JSON nested far deeper than any real body: arrays or objects, 50 to 20,000 levels. */
export const deepNesting: fc.Arbitrary<RawJson> = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? new RawJson('['.repeat(depth) + ']'.repeat(depth))
      : new RawJson('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  );

/** hostileKey is an object key: a polluting name, a usual field name, or any string. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...POLLUTING_KEYS),
  fc.constantFrom('id', 'name', 'tenant', 'tenantId', 'labels', 'value', 'type', 'kind', 'a.b', '$where', ''),
  hostileString,
);

const pollutingObject: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.constantFrom('__proto__', 'constructor', 'prototype'),
    fc.constantFrom('isAdmin', 'roles', 'polluted'),
  )
  .map(([key, field]) => {
    const inner: Record<string, unknown> = {};
    setOwn(inner, field, key === 'constructor' ? { prototype: { [field]: true } } : true);
    const out: Record<string, unknown> = {};
    setOwn(out, key, inner);
    return out;
  });

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: fc.constantFrom(null, true, false), weight: 3 },
    { arbitrary: hostileNumber, weight: 3 },
    { arbitrary: hostileString, weight: 4 },
    { arbitrary: fc.array(tie('value'), { maxLength: 6 }), weight: 2 },
    {
      arbitrary: fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 6 }).map((entries) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of entries) setOwn(out, k, v);
        return out;
      }),
      weight: 2,
    },
    { arbitrary: pollutingObject, weight: 1 },
    { arbitrary: deepNesting, weight: 1 },
    { arbitrary: fc.array(fc.constant(0), { minLength: 1_000, maxLength: 5_000 }), weight: 1 },
  ),
}));

/** hostileValue is any JSON value with hostile parts: wrong types, huge strings, deep nesting, polluting keys. */
export const hostileValue: fc.Arbitrary<unknown> = value;
