import { newAttributeMap } from './newAttributeMap';
import type { OtlpPartType, OtlpReader } from './otlpRoot';
import { createOtlpReader, OTLP_PARTS } from './otlpRoot';
import type { JsonValue } from './otlpValues';
import { anyValueToJson, keyValuesToJson } from './otlpValues';
import type { JsonObject, Normalised, SpanRecord } from './records';
import { resolveTenant, serviceOf } from './resolveTenant';
import { UnixNanos } from './UnixNanos';
import { Utf8Interner } from './Utf8Interner';
import type { FastSlices } from './WireReader';
import { notCanonical, WireReader } from './WireReader';

const VARINT = 0;
const FIXED64 = 1;
const DELIMITED = 2;

// Interned strings are attribute values as received (personal data included): kept for seconds, not for hours.
const INTERNED_TTL_MS = 10_000;
const strings = new Utf8Interner();
const times = new UnixNanos();

/**
 * decodeTraceRequest reads an OTLP ExportTraceServiceRequest in protobuf straight into span records, in one pass
 * over the bytes: the same records, rejections and first error as protobufjs decoding followed by normaliseSpans,
 * without the intermediate message objects. It returns null when the body is not plain canonical protobuf (see
 * NotCanonical), so the caller falls back to the generic path, which then decides, malformed bodies included.
 * Resources, scopes, events, links and nested attribute values are rare or once per group; protobufjs decodes those
 * in place.
 */
export function decodeTraceRequest(body: Buffer): Normalised<SpanRecord> | null {
  strings.expire(performance.now(), INTERNED_TTL_MS);
  try {
    return new TraceRequestDecoder(body).decode();
  } catch {
    // NotCanonical, a protobufjs error in a nested part, a stack overflow: the generic path decides all of these.
    return null;
  }
}

class TraceRequestDecoder {
  private readonly r: WireReader;
  private readonly out: Normalised<SpanRecord> = { records: [], rejected: 0, firstError: null };
  private reader: OtlpReader | null = null;
  private readonly int64 = { lo: 0, hi: 0 };

  constructor(private readonly buf: Buffer) {
    this.r = new WireReader(buf);
  }

  decode(): Normalised<SpanRecord> {
    const r = this.r;
    const end = this.buf.length;
    while (r.pos < end) {
      const tag = r.varint32(end);
      if (tag >>> 3 === 1) {
        WireReader.expect(tag & 7, DELIMITED);
        this.resourceSpans(r.delimited(end));
      } else r.skip(tag & 7, end);
    }
    return this.out;
  }

  private resourceSpans(end: number): void {
    const r = this.r;
    const start = r.pos;
    // The resource may come after the spans on the wire, so it is found first (the last one wins, as in protobufjs).
    let resourceAt = -1;
    let resourceEnd = -1;
    while (r.pos < end) {
      const tag = r.varint32(end);
      const field = tag >>> 3;
      if (field === 1) {
        WireReader.expect(tag & 7, DELIMITED);
        resourceEnd = r.delimited(end);
        resourceAt = r.pos;
        r.pos = resourceEnd;
      } else if (field === 2 || field === 3) {
        WireReader.expect(tag & 7, DELIMITED);
        r.pos = r.delimited(end);
      } else r.skip(tag & 7, end);
    }
    const resource = keyValuesToJson(
      resourceAt < 0 ? undefined : this.part(OTLP_PARTS.resource, resourceAt, resourceEnd).attributes,
    );
    const service = serviceOf(resource);
    r.pos = start;
    while (r.pos < end) {
      const tag = r.varint32(end);
      const field = tag >>> 3;
      if (field === 2) this.scopeSpans(r.delimited(end), resource, service);
      else if (field === 1 || field === 3) r.pos = r.delimited(end);
      else r.skip(tag & 7, end);
    }
  }

  private scopeSpans(end: number, resource: JsonObject, service: string): void {
    const r = this.r;
    while (r.pos < end) {
      const tag = r.varint32(end);
      const field = tag >>> 3;
      if (field === 2) {
        WireReader.expect(tag & 7, DELIMITED);
        this.span(r.delimited(end), resource, service);
      } else if (field === 1) {
        WireReader.expect(tag & 7, DELIMITED);
        this.skipPart(OTLP_PARTS.scope, r.delimited(end));
      } else if (field === 3) {
        WireReader.expect(tag & 7, DELIMITED);
        r.pos = r.delimited(end);
      } else r.skip(tag & 7, end);
    }
  }

  private span(end: number, resource: JsonObject, service: string): void {
    const r = this.r;
    const buf = this.buf;
    let traceAt = -1;
    let traceEnd = -1;
    let spanAt = -1;
    let spanEnd = -1;
    let parentAt = -1;
    let parentEnd = -1;
    let nameAt = -1;
    let nameEnd = -1;
    let kind = 0;
    let startLo = 0;
    let startHi = 0;
    let endLo = 0;
    let endHi = 0;
    let statusCode = 0;
    let messageAt = -1;
    let messageEnd = -1;
    const attributes = newAttributeMap();
    while (r.pos < end) {
      const tag = r.varint32(end);
      const wireType = tag & 7;
      switch (tag >>> 3) {
        case 1:
          WireReader.expect(wireType, DELIMITED);
          traceEnd = r.delimited(end);
          traceAt = r.pos;
          r.pos = traceEnd;
          break;
        case 2:
          WireReader.expect(wireType, DELIMITED);
          spanEnd = r.delimited(end);
          spanAt = r.pos;
          r.pos = spanEnd;
          break;
        case 4:
          WireReader.expect(wireType, DELIMITED);
          parentEnd = r.delimited(end);
          parentAt = r.pos;
          r.pos = parentEnd;
          break;
        case 5:
          WireReader.expect(wireType, DELIMITED);
          nameEnd = r.delimited(end);
          nameAt = r.pos;
          r.pos = nameEnd;
          break;
        case 6:
          WireReader.expect(wireType, VARINT);
          kind = r.varint32(end) | 0;
          break;
        case 7: {
          WireReader.expect(wireType, FIXED64);
          const at = r.fixed(end, 8);
          startLo = buf.readUInt32LE(at);
          startHi = buf.readUInt32LE(at + 4);
          break;
        }
        case 8: {
          WireReader.expect(wireType, FIXED64);
          const at = r.fixed(end, 8);
          endLo = buf.readUInt32LE(at);
          endHi = buf.readUInt32LE(at + 4);
          break;
        }
        case 9:
          WireReader.expect(wireType, DELIMITED);
          this.keyValue(r.delimited(end), attributes);
          break;
        case 10:
        case 12:
        case 14:
          WireReader.expect(wireType, VARINT);
          r.varint32(end);
          break;
        case 11:
          WireReader.expect(wireType, DELIMITED);
          this.skipPart(OTLP_PARTS.event, r.delimited(end));
          break;
        case 13:
          WireReader.expect(wireType, DELIMITED);
          this.skipPart(OTLP_PARTS.link, r.delimited(end));
          break;
        case 15: {
          // A second status replaces the first one whole, as protobufjs does.
          WireReader.expect(wireType, DELIMITED);
          const statusEnd = r.delimited(end);
          statusCode = 0;
          messageAt = messageEnd = -1;
          while (r.pos < statusEnd) {
            const t = r.varint32(statusEnd);
            if (t >>> 3 === 2) {
              WireReader.expect(t & 7, DELIMITED);
              messageEnd = r.delimited(statusEnd);
              messageAt = r.pos;
              r.pos = messageEnd;
            } else if (t >>> 3 === 3) {
              WireReader.expect(t & 7, VARINT);
              statusCode = r.varint32(statusEnd) | 0;
            } else r.skip(t & 7, statusEnd);
          }
          break;
        }
        case 3:
          WireReader.expect(wireType, DELIMITED);
          r.pos = r.delimited(end);
          break;
        default:
          r.skip(wireType, end);
      }
    }
    // The checks and their messages are normaliseSpans's, in its order.
    const traceId = this.id(traceAt, traceEnd, 16);
    if (!traceId) return this.reject('span has no valid 16-byte traceId');
    const spanId = this.id(spanAt, spanEnd, 8);
    if (!spanId) return this.reject('span has no valid 8-byte spanId');
    const parentSpanId = this.id(parentAt, parentEnd, 8);
    if (parentSpanId === null) return this.reject('span has a malformed parentSpanId');
    if ((startLo === 0 && startHi === 0) || (endLo === 0 && endHi === 0))
      return this.reject('span needs startTimeUnixNano and endTimeUnixNano');
    if (endHi < startHi || (endHi === startHi && endLo < startLo))
      return this.reject('span ends before it starts');
    if (kind < 0 || kind > 5) return this.reject('span kind must be an integer from 0 to 5');
    if (statusCode < 0 || statusCode > 2) return this.reject('span status code must be 0, 1 or 2');
    times.set(startLo, startHi, endLo, endHi);
    this.out.records.push({
      traceId,
      spanId,
      parentSpanId: parentSpanId === '' ? null : parentSpanId,
      tenantId: resolveTenant(attributes, resource),
      service,
      name: nameAt < 0 ? '' : strings.text(buf, nameAt, nameEnd),
      kind,
      startTime: times.startTime,
      endTime: times.endTime,
      startUnixNano: times.startUnixNano,
      endUnixNano: times.endUnixNano,
      endUnixMs: times.endUnixMs,
      durationMs: times.durationMs,
      statusCode,
      statusMessage: messageEnd > messageAt ? strings.text(buf, messageAt, messageEnd) : null,
      attributes,
      resource,
    });
  }

  private keyValue(end: number, attributes: JsonObject): void {
    const r = this.r;
    let keyAt = -1;
    let keyEnd = -1;
    let value: JsonValue = null;
    while (r.pos < end) {
      const tag = r.varint32(end);
      const field = tag >>> 3;
      if (field === 1) {
        WireReader.expect(tag & 7, DELIMITED);
        keyEnd = r.delimited(end);
        keyAt = r.pos;
        r.pos = keyEnd;
      } else if (field === 2) {
        WireReader.expect(tag & 7, DELIMITED);
        value = this.anyValue(r.delimited(end));
      } else r.skip(tag & 7, end);
    }
    // keyValuesToJson skips a KeyValue whose key is absent (null after protobufjs decoding).
    if (keyAt >= 0) attributes[strings.text(this.buf, keyAt, keyEnd)] = value;
  }

  /** anyValue converts an AnyValue as anyValueToJson does; every oneof member read is kept, in its precedence. */
  private anyValue(end: number): JsonValue {
    const r = this.r;
    const buf = this.buf;
    const start = r.pos;
    let stringAt = -1;
    let stringEnd = -1;
    let hasBool = false;
    let bool = false;
    let hasInt = false;
    let intLo = 0;
    let intHi = 0;
    let hasDouble = false;
    let double = 0;
    let bytesAt = -1;
    let bytesEnd = -1;
    let nested = false;
    while (r.pos < end) {
      const tag = r.varint32(end);
      const wireType = tag & 7;
      switch (tag >>> 3) {
        case 1:
          WireReader.expect(wireType, DELIMITED);
          stringEnd = r.delimited(end);
          stringAt = r.pos;
          r.pos = stringEnd;
          break;
        case 2:
          WireReader.expect(wireType, VARINT);
          hasBool = true;
          bool = r.varint32(end) !== 0;
          break;
        case 3:
          WireReader.expect(wireType, VARINT);
          r.varint64(end, this.int64);
          hasInt = true;
          intLo = this.int64.lo;
          intHi = this.int64.hi;
          break;
        case 4:
          WireReader.expect(wireType, FIXED64);
          hasDouble = true;
          double = buf.readDoubleLE(r.fixed(end, 8));
          break;
        case 5:
        case 6:
          WireReader.expect(wireType, DELIMITED);
          nested = true;
          r.pos = r.delimited(end);
          break;
        case 7:
          WireReader.expect(wireType, DELIMITED);
          bytesEnd = r.delimited(end);
          bytesAt = r.pos;
          r.pos = bytesEnd;
          break;
        default:
          r.skip(wireType, end);
      }
    }
    // Arrays and maps are rare, recursive and depth-limited: protobufjs and anyValueToJson handle them exactly.
    if (nested) return anyValueToJson(this.part(OTLP_PARTS.anyValue, start, end));
    if (stringAt >= 0) return strings.text(buf, stringAt, stringEnd);
    if (hasBool) return bool;
    if (hasInt) return int64ToJson(intLo, intHi);
    if (hasDouble) return Number.isFinite(double) ? double : String(double);
    if (bytesAt >= 0) return buf.toString('base64', bytesAt, bytesEnd);
    return null;
  }

  /** id is readId over the bytes of an id field: '' when absent or empty, null when malformed, else lower-case hex. */
  private id(at: number, end: number, bytes: 8 | 16): string | null {
    if (at < 0 || end === at) return '';
    if (end - at !== bytes) return null;
    const buf = this.buf;
    for (let i = at; i < end; i++) if (buf[i] !== 0) return (buf as unknown as FastSlices).hexSlice(at, end);
    return null;
  }

  private reject(reason: string): void {
    this.out.rejected++;
    this.out.firstError ??= reason;
  }

  /** part decodes a nested message with protobufjs in place, exactly as the generic path reads it. */
  private part<T>(type: OtlpPartType<T>, at: number, end: number): T {
    this.reader ??= createOtlpReader(this.buf);
    this.reader.pos = at;
    const message = type.decode(this.reader, end - at);
    if (this.reader.pos !== end) throw notCanonical;
    return message;
  }

  /** skipPart moves past a nested message the records do not use, once protobufjs has read it as the generic path would. */
  private skipPart(type: OtlpPartType<unknown>, end: number): void {
    this.part(type, this.r.pos, end);
    this.r.pos = end;
  }
}

/** int64ToJson is anyValueToJson of a signed 64-bit int given as unsigned halves: a number when safe, else a string. */
function int64ToJson(lo: number, hi: number): JsonValue {
  if (hi === 0) return lo;
  if (hi === 0xffffffff) return lo - 4294967296;
  const n = BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(n)
    : n.toString();
}
