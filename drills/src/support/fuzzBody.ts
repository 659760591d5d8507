import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { fuzzJson } from './fuzzJson';

/** FuzzBody is a request body with the headers that describe it. */
export interface FuzzBody {
  body: Buffer;
  headers: Record<string, string>;
}

const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json;;;',
  'application/merge-patch+json',
  'APPLICATION/JSON',
  '*/*',
  'application/',
  'json',
];

const textCorruption = fc.oneof(
  { arbitrary: fc.constant((t: string) => Buffer.from(t)), weight: 30 },
  {
    arbitrary: fc
      .double({ min: 0, max: 1, noNaN: true })
      .map((f) => (t: string) => Buffer.from(t.slice(0, Math.floor(t.length * f)))),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ minLength: 1, maxLength: 8 }))
      .map(([f, bytes]) => (t: string) => {
        const b = Buffer.from(t);
        const at = Math.floor(b.length * f);
        return Buffer.concat([b.subarray(0, at), Buffer.from(bytes), b.subarray(at)]);
      }),
    weight: 2,
  },
  {
    arbitrary: fc.constant((t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)])),
    weight: 1,
  },
  {
    arbitrary: fc.constant((t: string) =>
      Buffer.from(t.replace(/^\{/, '{"dup":1,"dup":{"__proto__":{"x":1}},')),
    ),
    weight: 1,
  },
  { arbitrary: fc.constant((t: string) => Buffer.from(t.replace(/[}\]]$/, ',$&'))), weight: 1 },
  { arbitrary: fc.constant((t: string) => Buffer.from(`${t}${t}`)), weight: 1 },
  { arbitrary: fc.constant(() => Buffer.alloc(0)), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 256 }).map((b) => () => Buffer.from(b)), weight: 1 },
);

/**
 * fuzzBody turns generated JSON values into request bodies: mostly the value's JSON as application/json, sometimes
 * cut short, with stray or invalid UTF-8 bytes, a BOM, duplicate keys, a trailing comma, random bytes, no body,
 * a wrong or odd content type, or gzip that is valid, cut short or not gzip at all.
 */
export function fuzzBody(
  values: fc.Arbitrary<unknown>,
  jsonType = 'application/json',
): fc.Arbitrary<FuzzBody> {
  const type = fc.oneof(
    { arbitrary: fc.constant(jsonType), weight: 20 },
    { arbitrary: fc.constantFrom(...WRONG_TYPES), weight: 1 },
    { arbitrary: fc.constant(''), weight: 1 },
  );
  const encoding = fc.oneof(
    { arbitrary: fc.constant('identity'), weight: 12 },
    {
      arbitrary: fc.constantFrom('gzip', 'gzip-truncated', 'gzip-fake', 'deflate-fake', 'br', 'gzip, gzip'),
      weight: 1,
    },
  );
  return fc.tuple(values, textCorruption, type, encoding).map(([v, corrupt, contentType, enc]) => {
    let body = corrupt(fuzzJson(v));
    const headers: Record<string, string> = {};
    if (contentType !== '') headers['content-type'] = contentType;
    if (enc !== 'identity') {
      headers['content-encoding'] = enc.replace(/-(truncated|fake)$/, '');
      if (enc === 'gzip' || enc === 'gzip-truncated') body = gzipSync(body);
      if (enc === 'gzip-truncated') body = body.subarray(0, Math.max(1, body.length >> 1));
    }
    return { body, headers };
  });
}
