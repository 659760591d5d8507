import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { decodeTraceRequest } from '../src/otlp/decodeTraceRequest';
import { normaliseSpans } from '../src/otlp/normaliseSpans';
import { OTLP_TYPES } from '../src/otlp/otlpRoot';
import type { Normalised, SpanRecord } from '../src/otlp/records';
import { fixture, toProtobuf } from './collectorHarness';

// The single-pass decoder must give exactly what protobufjs decoding followed by normaliseSpans gives (the generic
// path, still used for JSON and for anything the single pass is unsure of), or hand over (null) to it.

const TRACES = OTLP_TYPES.traces.request;

function generic(body: Buffer): Normalised<SpanRecord> {
  return normaliseSpans(TRACES.decode(body));
}

function encode(request: unknown): Buffer {
  return Buffer.from(TRACES.encode(TRACES.fromObject(request as Record<string, unknown>)).finish());
}

/** sameAsGeneric is true when the single pass declined or agrees with the generic path on every field. */
function sameAsGeneric(body: Buffer): boolean {
  const fast = decodeTraceRequest(body);
  if (fast === null) return true;
  let expected: Normalised<SpanRecord>;
  try {
    expected = generic(body);
  } catch {
    return false; // the single pass accepted a body the generic path refuses
  }
  return isDeepStrictEqual(fast, expected);
}

// --- a tiny protobuf writer, to put on the wire what the protobufjs encoder never writes ---
const varint = (n: number | bigint): number[] => {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
};
const tag = (field: number, wireType: number): number[] => varint((field << 3) | wireType);
const ld = (field: number, bytes: number[] | Buffer): number[] => [
  ...tag(field, 2),
  ...varint(bytes.length),
  ...bytes,
];
const str = (field: number, s: string): number[] => ld(field, Buffer.from(s, 'utf8'));
const fixed64 = (field: number, n: bigint): number[] => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return [...tag(field, 1), ...b];
};
const NOW_NS = 1_764_000_000_000_000_000n;
const keyValue = (key: string, value: string): number[] => [...str(1, key), ...ld(2, str(1, value))];
const span = (...extra: number[][]): number[] => [
  ...ld(1, Buffer.alloc(16, 0xab)),
  ...ld(2, Buffer.alloc(8, 0xcd)),
  ...str(5, 'GET /api/orders/:id'),
  ...tag(6, 0),
  ...varint(2),
  ...fixed64(7, NOW_NS),
  ...fixed64(8, NOW_NS + 1_234_567n),
  ...ld(9, keyValue('http.route', '/api/orders/:id')),
  ...extra.flat(),
];
const resource = ld(1, ld(1, keyValue('service.name', 'orders')));
const request = (...resourceSpans: number[][]): Buffer =>
  Buffer.from(resourceSpans.flatMap((rs) => ld(1, rs)));

describe('decodeTraceRequest, the single-pass protobuf span decoder', () => {
  it('reads a realistic batch, events and links included, into the same records without handing over', () => {
    const body = encode(realisticRequest(64));
    const fast = decodeTraceRequest(body);
    expect(fast?.records).toHaveLength(66);
    expect(isDeepStrictEqual(fast, generic(body))).toBe(true);
  });

  it('reads the shared trace fixture into the same records as protobufjs and normaliseSpans', () => {
    const body = toProtobuf('traces', JSON.parse(fixture('trace.json')));
    const fast = decodeTraceRequest(body);
    expect(fast).not.toBeNull();
    expect(fast!.records).toHaveLength(1);
    expect(fast!.records[0]).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      service: 'my.service',
    });
    expect(isDeepStrictEqual(fast, generic(body))).toBe(true);
  });

  it('reads a resource that comes after its spans on the wire, and keeps the last of a repeated field', () => {
    const statusTwice = [
      ...ld(15, [...str(2, 'first'), ...tag(3, 0), ...varint(2)]),
      ...ld(15, str(2, 'second')),
    ];
    const body = request([
      ...ld(2, [...ld(1, str(1, 'scope')), ...ld(2, span(str(5, 'renamed'), statusTwice))]),
      ...resource,
    ]);
    const fast = decodeTraceRequest(body);
    expect(fast?.records[0]).toMatchObject({
      service: 'orders',
      name: 'renamed',
      statusCode: 0,
      statusMessage: 'second',
    });
    expect(isDeepStrictEqual(fast, generic(body))).toBe(true);
  });

  it('skips unknown fields of every plain wire type at every level, as protobufjs does', () => {
    const unknown = [
      ...tag(99, 0),
      ...varint(2n ** 63n),
      ...fixed64(98, 7n),
      ...str(97, 'x'),
      ...tag(96, 5),
      1,
      2,
      3,
      4,
    ];
    const body = request([
      ...unknown,
      ...resource,
      ...ld(2, [...unknown, ...ld(2, span(unknown, ld(9, [...keyValue('k', 'v'), ...unknown])))]),
    ]);
    const fast = decodeTraceRequest(body);
    expect(fast?.records).toHaveLength(1);
    expect(isDeepStrictEqual(fast, generic(body))).toBe(true);
  });

  it.each([
    ['a group (wire type 3)', span([...tag(50, 3), ...tag(50, 4)])],
    ['a known field with another wire type', span([...tag(5, 0), 1])],
    ['a 10-byte varint where an int32 belongs (a negative kind)', span([...tag(6, 0), ...varint(-1)])],
  ])('hands %s over to the generic path', (_name, spanBytes) => {
    const body = request([...resource, ...ld(2, ld(2, spanBytes))]);
    expect(decodeTraceRequest(body)).toBeNull();
    expect(() => generic(body)).not.toThrow();
  });

  it('hands truncated and overlong bodies over to the generic path, which refuses them', () => {
    const body = request([...resource, ...ld(2, ld(2, span()))]);
    for (let cut = 1; cut < body.length; cut++) {
      const truncated = body.subarray(0, cut);
      expect(sameAsGeneric(truncated)).toBe(true);
    }
    const overlong = Buffer.from([...tag(1, 2), ...varint(1000), ...body]);
    expect(decodeTraceRequest(overlong)).toBeNull();
    expect(() => generic(overlong)).toThrow();
  });

  it('gives the generic result for any trace request protobufjs encodes (property)', () => {
    let fastCount = 0;
    fc.assert(
      fc.property(traceRequestArbitrary, (object) => {
        const body = encode(object);
        if (decodeTraceRequest(body) !== null) fastCount++;
        return sameAsGeneric(body);
      }),
      { numRuns: 1000, seed: 0x7ace, endOnFailure: true },
    );
    // Only negative kinds and status codes (10-byte varints) go the generic way; everything else must not.
    expect(fastCount).toBeGreaterThan(650);
  });

  it('declines or agrees with the generic path on corrupted bodies, never accepting what it refuses (property)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        traceRequestArbitrary,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
        fc.option(fc.nat(), { freq: 4 }),
        (object, edits, cut) => {
          const body = encode(object);
          if (body.length === 0) return true;
          for (const [at, byte] of edits) body[at % body.length] = byte;
          const corrupted = cut === null ? body : body.subarray(0, cut % (body.length + 1));
          if (decodeTraceRequest(corrupted) !== null) accepted++;
          return sameAsGeneric(corrupted);
        },
      ),
      { numRuns: 3000, seed: 0xbad, endOnFailure: true },
    );
    // A corrupted byte often lands in a string or an id, which still decodes: those must be compared, not declined.
    expect(accepted).toBeGreaterThan(100);
  });

  it('declines or agrees with the generic path on a realistic batch with one byte changed anywhere (property)', () => {
    const body = encode(realisticRequest(64));
    let accepted = 0;
    fc.assert(
      fc.property(fc.nat({ max: body.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const corrupted = Buffer.from(body);
        corrupted[at] = byte;
        if (decodeTraceRequest(corrupted) !== null) accepted++;
        return sameAsGeneric(corrupted);
      }),
      { numRuns: 1000, seed: 0x0b1e, endOnFailure: true },
    );
    expect(accepted).toBeGreaterThan(500);
  });
});

/** realisticRequest is shaped like what the benchmark sends: spans of several services with HTTP attributes. */
function realisticRequest(spans: number): unknown {
  const str = (v: string): unknown => ({ stringValue: v });
  const services = ['gateway', 'orders', 'payments'];
  return {
    resourceSpans: services.map((service, s) => ({
      resource: {
        attributes: [
          { key: 'service.name', value: str(service) },
          { key: 'service.version', value: str('1.42.0') },
          { key: 'host.name', value: str(`${service}-7d9f8c6b5-x1k2p`) },
        ],
      },
      scopeSpans: [
        {
          scope: { name: '@opentelemetry/instrumentation-http', version: '0.57.0' },
          spans: Array.from({ length: Math.ceil(spans / services.length) }, (_, i) => ({
            traceId: Buffer.alloc(16, 1 + i),
            spanId: Buffer.from([s + 1, 0, 0, 0, 0, 0, i >> 8, i & 255]),
            parentSpanId: i % 4 === 0 ? undefined : Buffer.alloc(8, 3),
            name: 'GET /api/orders/:id',
            kind: i % 4 === 0 ? 2 : 3,
            startTimeUnixNano: String(NOW_NS + BigInt(i) * 1_000_003n),
            endTimeUnixNano: String(NOW_NS + BigInt(i) * 1_000_003n + 4_567_891n),
            attributes: [
              { key: 'tenant.id', value: str(`tenant-${i % 3}`) },
              { key: 'http.request.method', value: str('GET') },
              { key: 'url.path', value: str(`/api/orders/${1000 + i}`) },
              { key: 'http.response.status_code', value: { intValue: i % 10 === 0 ? 500 : 200 } },
              { key: 'network.peer.address', value: str(`10.0.${i}.7`) },
              { key: 'user.email', value: str('jane.doe@example.com') },
            ],
            events: i % 8 === 0 ? [{ timeUnixNano: String(NOW_NS), name: 'exception' }] : [],
            links: i % 16 === 0 ? [{ traceId: Buffer.alloc(16, 9), spanId: Buffer.alloc(8, 9) }] : [],
            status: i % 10 === 0 ? { code: 2, message: 'upstream returned 500' } : { code: 1 },
          })),
        },
      ],
    })),
  };
}

// --- arbitrary OTLP/JSON-shaped trace requests (protobufjs fromObject input), valid and not ---
const text = fc.oneof(
  fc.constantFrom(
    '',
    'GET /api/orders/:id',
    'tenant-1',
    'service.name',
    'tenant.id',
    '__proto__',
    'constructor',
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ maxLength: 80 }),
  fc.constantFrom('nul\u0000inside', 'lone \uD800 surrogate', 'é ü 中文 🎉'),
);
const bytes = (n: number): fc.Arbitrary<Uint8Array | undefined> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.uint8Array({ minLength: n, maxLength: n }) },
    { weight: 1, arbitrary: fc.constant(new Uint8Array(n)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
const uint64 = fc.oneof(
  fc.bigInt({ min: NOW_NS - 10n ** 15n, max: NOW_NS + 10n ** 15n }).map(String),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String),
  fc.constantFrom('0', '1', '999999', '1000000', String(2n ** 62n), String(2n ** 64n - 1n)),
);
const { anyValue } = fc.letrec<{ anyValue: unknown; keyValue: unknown }>((tie) => ({
  anyValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ stringValue: text }),
    fc.record({ boolValue: fc.boolean() }),
    fc.record({ intValue: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String) }),
    fc.record({ intValue: fc.integer({ min: -5000, max: 5000 }) }),
    fc.record({ doubleValue: fc.double() }),
    fc.record({ bytesValue: fc.uint8Array({ maxLength: 12 }) }),
    fc.record({ arrayValue: fc.record({ values: fc.array(tie('anyValue'), { maxLength: 3 }) }) }),
    fc.record({ kvlistValue: fc.record({ values: fc.array(tie('keyValue'), { maxLength: 3 }) }) }),
    fc.record(
      { stringValue: text, intValue: fc.integer(), doubleValue: fc.double(), boolValue: fc.boolean() },
      { requiredKeys: [] },
    ),
  ),
  keyValue: fc.record({ key: text, value: tie('anyValue') }, { requiredKeys: [] }),
}));
const attributes = fc.array(fc.record({ key: text, value: anyValue }, { requiredKeys: [] }), {
  maxLength: 10,
});
const spanArbitrary = fc.record(
  {
    traceId: bytes(16),
    spanId: bytes(8),
    parentSpanId: bytes(8),
    traceState: text,
    name: text,
    kind: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: -2, max: 9 })),
    startTimeUnixNano: uint64,
    endTimeUnixNano: uint64,
    attributes,
    droppedAttributesCount: fc.nat(),
    events: fc.array(fc.record({ timeUnixNano: uint64, name: text, attributes }), { maxLength: 2 }),
    links: fc.array(fc.record({ traceId: bytes(16), spanId: bytes(8), attributes }), { maxLength: 2 }),
    status: fc.record(
      { code: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: -1, max: 4 })), message: text },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['traceId', 'spanId', 'startTimeUnixNano', 'endTimeUnixNano'] },
);
// Half the spans start from a plausible span and keep its times ordered, so most are accepted, not rejected.
const plausibleSpan = fc
  .tuple(
    spanArbitrary,
    fc.bigInt({ min: NOW_NS - 10n ** 15n, max: NOW_NS }),
    fc.bigInt({ min: 0n, max: 10n ** 12n }),
  )
  .map(([s, start, duration]) => ({
    ...s,
    traceId: new Uint8Array(16).fill(7),
    spanId: new Uint8Array(8).fill(9),
    kind: 2,
    status: { code: 1 },
    startTimeUnixNano: String(start),
    endTimeUnixNano: String(start + duration),
  }));
const traceRequestArbitrary = fc.record({
  resourceSpans: fc.array(
    fc.record(
      {
        resource: fc.record({ attributes, droppedAttributesCount: fc.nat() }, { requiredKeys: [] }),
        scopeSpans: fc.array(
          fc.record(
            {
              scope: fc.record({ name: text, version: text, attributes }, { requiredKeys: [] }),
              spans: fc.array(fc.oneof(spanArbitrary, plausibleSpan), { maxLength: 4 }),
              schemaUrl: text,
            },
            { requiredKeys: ['spans'] },
          ),
          { maxLength: 3 },
        ),
        schemaUrl: text,
      },
      { requiredKeys: ['scopeSpans'] },
    ),
    { maxLength: 3 },
  ),
});
