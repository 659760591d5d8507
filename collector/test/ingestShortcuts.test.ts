import fc from 'fast-check';
import { copyJson, copyText } from '../src/exporters/postgres/copyText';
import type { CopyValue } from '../src/exporters/postgres/copyText';
import { spanLine } from '../src/exporters/postgres/copyLines';
import { ServiceSightings } from '../src/exporters/postgres/ServiceSightings';
import { newAttributeMap } from '../src/otlp/newAttributeMap';
import { cleanString, keyValuesToJson, nanosToIso } from '../src/otlp/otlpValues';
import type { JsonObject, SignalBatch, SpanRecord } from '../src/otlp/records';
import { UnixNanos } from '../src/otlp/UnixNanos';
import { Utf8Interner } from '../src/otlp/Utf8Interner';
import { ALL_HINTS, redactText } from '@sightline/telemetry';

// The ingest path takes shortcuts for speed; each must give exactly what the plain way gives.

describe('redaction hints', () => {
  // Characters that make up e-mails, addresses, cards, tokens and URL encodings, so the patterns often match.
  const piece = fc.oneof(
    fc.constantFrom('@', '.', ':', '::', ' ', '-', '%40', '%3A', '+', 'Bearer ', 'bearer\t', 'BEARER  ', '='),
    fc.constantFrom('jane.doe', 'example.com', 'x', 'ab', 'f', 'ffff', '2001', 'db8', '%'),
    fc.constantFrom('fe80::1', '::1', '2001:db8::7', '::ffff:1.2.3.4', '1:2:3:4:5:6:7:8'),
    fc.constantFrom('4111', '1111', '4242424242424242', '203', '0', '113', '77', '255', '1.2.3.4', '12:34'),
    fc.integer({ min: 0, max: 9999 }).map(String),
    fc.string({ maxLength: 3 }),
  );
  const sensitiveText = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));

  it('redacts every text exactly as running all five patterns would (property)', () => {
    fc.assert(
      fc.property(fc.oneof(sensitiveText, fc.string(), fc.string({ unit: 'binary' })), (text) => {
        return redactText(text) === redactText(text, () => ALL_HINTS);
      }),
      { numRuns: 20_000, seed: 0x5ec2e7, endOnFailure: true },
    );
  });
});

describe('UnixNanos', () => {
  it('gives the same span time fields as BigInt arithmetic and nanosToIso (property)', () => {
    const times = new UnixNanos();
    const nanos = fc.oneof(
      fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }),
      fc.bigInt({ min: 1_700_000_000_000_000_000n, max: 1_800_000_000_000_000_000n }),
      fc.bigInt({ min: 1n, max: 10n ** 12n }),
      fc.constantFrom(1n, 999n, 1000n, 999_999n, 1_000_000n, 2n ** 62n - 1n, 2n ** 62n, 2n ** 64n - 1n),
    );
    fc.assert(
      fc.property(nanos, nanos, (a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const halves = (n: bigint): [number, number] => [Number(n & 0xffffffffn), Number(n >> 32n)];
        times.set(...halves(start), ...halves(end));
        return (
          times.startTime === nanosToIso(start) &&
          times.endTime === nanosToIso(end) &&
          times.startUnixNano === start.toString() &&
          times.endUnixNano === end.toString() &&
          Object.is(times.endUnixMs, Number(end / 1_000_000n)) &&
          Object.is(times.durationMs, Number(end - start) / 1e6)
        );
      }),
      { numRuns: 20_000, seed: 0x7135, endOnFailure: true },
    );
  });
});

describe('Utf8Interner', () => {
  it('decodes like Buffer#toString and cleanString, whether or not the bytes were seen before (property)', () => {
    const interner = new Utf8Interner(64);
    const seen: Uint8Array[] = [];
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 80 }),
      fc.string({ maxLength: 70 }).map((s) => new Uint8Array(Buffer.from(s))),
      fc.constantFrom(
        ...['tenant.id', 'http.route', 'a\u0000b', 'é', ''].map((s) => new Uint8Array(Buffer.from(s))),
      ),
    );
    fc.assert(
      fc.property(bytes, fc.nat(), (fresh, pick) => {
        seen.push(fresh);
        const raw = seen[pick % seen.length]!;
        const buf = Buffer.concat([Buffer.from([1, 2]), raw, Buffer.from([3])]);
        return interner.text(buf, 2, 2 + raw.length) === cleanString(Buffer.from(raw).toString('utf8'));
      }),
      { numRuns: 20_000, seed: 0x1e7e, endOnFailure: true },
    );
  });
});

describe('attribute maps', () => {
  it('keep a hostile "__proto__" key as an own property and read no inherited key', () => {
    const attrs = keyValuesToJson([
      { key: '__proto__', value: { stringValue: 'polluted?' } },
      { key: 'a', value: { intValue: 1 } },
    ]);
    expect(Object.getOwnPropertyDescriptor(attrs, '__proto__')?.value).toBe('polluted?');
    expect(Object.keys(attrs)).toEqual(['__proto__', 'a']);
    const empty = newAttributeMap();
    expect(empty['toString']).toBeUndefined();
    expect(empty['constructor']).toBeUndefined();
    expect(empty['hasOwnProperty']).toBeUndefined();
    expect(JSON.stringify(attrs)).toBe('{"__proto__":"polluted?","a":1}');
  });
});

describe('span COPY lines', () => {
  const text = fc.oneof(fc.string(), fc.constantFrom('a\tb', 'back\\slash', 'line\nbreak', '\r', '\\N', ''));
  const json = fc.dictionary(text, fc.oneof(text, fc.double(), fc.boolean(), fc.constant(null)), {
    maxKeys: 5,
  });
  const record = fc.record({
    traceId: text,
    spanId: text,
    parentSpanId: fc.option(text),
    tenantId: text,
    service: text,
    name: text,
    kind: fc.integer({ min: 0, max: 5 }),
    startTime: text,
    endTime: text,
    startUnixNano: text,
    endUnixNano: text,
    endUnixMs: fc.double(),
    durationMs: fc.double(),
    statusCode: fc.integer({ min: 0, max: 2 }),
    statusMessage: fc.option(text),
    attributes: json,
    resource: json,
  });

  it('render a span as the generic row writer renders its 14 column values (property)', () => {
    fc.assert(
      fc.property(record, (raw) => {
        const s = raw as SpanRecord;
        const values: CopyValue[] = [
          s.traceId,
          s.spanId,
          s.parentSpanId,
          s.tenantId,
          s.service,
          s.name,
          s.kind,
          s.startTime,
          s.endTime,
          s.durationMs,
          s.statusCode,
          s.statusMessage,
          JSON.stringify(s.attributes),
          JSON.stringify(s.resource),
        ];
        return spanLine(s, new Map()) === copyText(values);
      }),
      { numRuns: 5000, seed: 0xc0b1, endOnFailure: true },
    );
  });

  it('render a resource shared by a batch once, with the same text for every row', () => {
    const resource: JsonObject = { 'service.name': 'a\\b' };
    const json = copyJson(resource);
    const cache = new Map<JsonObject, string>();
    const s = {
      traceId: 't',
      spanId: 's',
      parentSpanId: null,
      statusMessage: null,
      attributes: {},
      resource,
    };
    const first = spanLine(s as unknown as SpanRecord, cache);
    expect(cache.get(resource)).toBe(json);
    expect(spanLine(s as unknown as SpanRecord, cache)).toBe(first);
    expect(first.endsWith(`\t${json}\n`)).toBe(true);
    expect(json).toBe('{"service.name":"a\\\\\\\\b"}');
  });
});

describe('ServiceSightings', () => {
  const batch = (...pairs: [string, string][]): SignalBatch => ({
    spans: pairs.map(([tenantId, service]) => ({ tenantId, service }) as SpanRecord),
    logs: [],
    metrics: [],
  });

  it('lists each new pair of a batch once, sorted by tenant then service, until an upsert recorded it', () => {
    const sightings = new ServiceSightings();
    const b = batch(['b', 'x'], ['a', 'y'], ['a', 'y'], ['a', 'x'], ['b', 'x']);
    const due = sightings.due(b, 0);
    expect(due).toEqual([
      { tenantId: 'a', service: 'x' },
      { tenantId: 'a', service: 'y' },
      { tenantId: 'b', service: 'x' },
    ]);
    expect(sightings.due(b, 10)).toEqual(due);
    sightings.recorded(due, due, 10);
    expect(sightings.due(b, 20)).toEqual([]);
    expect(sightings.due(batch(['a', 'x'], ['a', 'z']), 20)).toEqual([{ tenantId: 'a', service: 'z' }]);
  });

  it('upserts a pair it wrote again once a minute has passed, as the upsert then refreshes last_seen', () => {
    const sightings = new ServiceSightings();
    const pair = { tenantId: 'a', service: 'x' };
    sightings.recorded([pair], [pair], 1000);
    expect(sightings.due(batch(['a', 'x']), 60_999)).toEqual([]);
    expect(sightings.due(batch(['a', 'x']), 61_000)).toEqual([pair]);
  });

  it('looks again a second later at a pair the upsert found fresh, since its last_seen is not known', () => {
    const sightings = new ServiceSightings();
    const pair = { tenantId: 'a', service: 'x' };
    sightings.recorded([pair], [], 1000);
    expect(sightings.due(batch(['a', 'x']), 1999)).toEqual([]);
    expect(sightings.due(batch(['a', 'x']), 2000)).toEqual([pair]);
  });
});
