/**
 * NotCanonical is thrown by WireReader when the bytes are not plain, well-formed protobuf that protobufjs would read
 * the same way (a truncated or overlong varint, a field crossing its message's end, a wire type a field does not
 * have, a group). The single-pass decoder then hands the request to the generic decoder, which decides.
 */
export class NotCanonical extends Error {
  override readonly name = 'NotCanonical';
}

const NOT_CANONICAL = new NotCanonical('not canonical protobuf');

/** WireReader reads protobuf wire format from a buffer, every read bounded by the end of the enclosing message. */
export class WireReader {
  pos = 0;

  constructor(readonly buf: Buffer) {}

  /** varint32 reads a varint of at most 5 bytes as protobufjs's `uint32()` does (the 5th byte gives 4 bits). */
  varint32(end: number): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos >= end) throw NOT_CANONICAL;
    let b = buf[pos++]!;
    let value = b & 127;
    if (b < 128) {
      this.pos = pos;
      return value;
    }
    for (let shift = 7; shift < 28; shift += 7) {
      if (pos >= end) throw NOT_CANONICAL;
      b = buf[pos++]!;
      value |= (b & 127) << shift;
      if (b < 128) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    if (pos >= end) throw NOT_CANONICAL;
    b = buf[pos++]!;
    if (b >= 128) throw NOT_CANONICAL;
    this.pos = pos;
    return (value | ((b & 15) << 28)) >>> 0;
  }

  /**
   * varint64 reads a varint of at most 10 bytes into lo and hi (two unsigned 32-bit halves of its low 64 bits), as
   * protobufjs's `int64()` does for a well-formed one.
   */
  varint64(end: number, out: { lo: number; hi: number }): void {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) throw NOT_CANONICAL;
      const b = buf[pos++]!;
      const bits = b & 127;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if (b < 128) {
        this.pos = pos;
        out.lo = lo >>> 0;
        out.hi = hi >>> 0;
        return;
      }
    }
    throw NOT_CANONICAL;
  }

  /** delimited reads a length prefix and returns where the field's bytes end (this.pos is where they start). */
  delimited(end: number): number {
    const length = this.varint32(end);
    const to = this.pos + length;
    if (to > end) throw NOT_CANONICAL;
    return to;
  }

  /** fixed checks that `bytes` fixed-width bytes fit, returns their offset and moves past them. */
  fixed(end: number, bytes: 4 | 8): number {
    const at = this.pos;
    if (at + bytes > end) throw NOT_CANONICAL;
    this.pos = at + bytes;
    return at;
  }

  /** skip moves past an unknown field of the given wire type as protobufjs's `skipType` does; groups are not canonical. */
  skip(wireType: number, end: number): void {
    if (wireType === 0) this.varint64(end, SCRATCH);
    else if (wireType === 1) this.fixed(end, 8);
    else if (wireType === 2) this.pos = this.delimited(end);
    else if (wireType === 5) this.fixed(end, 4);
    else throw NOT_CANONICAL;
  }

  /** expect throws NotCanonical unless a known field came with the wire type its declared type has. */
  static expect(wireType: number, wanted: number): void {
    if (wireType !== wanted) throw NOT_CANONICAL;
  }
}

/** FastSlices are Buffer's undocumented, argument-checking-free string decoders (protobufjs uses utf8Slice too). */
export interface FastSlices {
  hexSlice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
}

const SCRATCH = { lo: 0, hi: 0 };

/** notCanonical is the shared NotCanonical error (a stack trace per bail-out would cost for nothing). */
export const notCanonical = NOT_CANONICAL;
