import type { FastSlices } from './WireReader';
import { cleanString } from './otlpValues';

const MAX_INTERNED_BYTES = 64;

/**
 * Utf8Interner decodes short UTF-8 strings (attribute keys, span names, low-cardinality values) from a buffer,
 * handing back the same string object when the same bytes come again. Telemetry repeats the same few hundred
 * strings in every batch, so most reads allocate nothing, and a reused string's hash is already computed for the
 * maps and sets it lands in. The table is direct-mapped: a string that loses its slot is simply decoded again.
 * Values are interned as received, before redaction, so the owner empties the table every few seconds (expire).
 */
export class Utf8Interner {
  private readonly table: (string | undefined)[];
  private readonly mask: number;
  private since = 0;

  constructor(slots = 8192) {
    if ((slots & (slots - 1)) !== 0) throw new RangeError('slots must be a power of two');
    this.table = new Array<string | undefined>(slots).fill(undefined);
    this.mask = slots - 1;
  }

  /** expire empties the table if it was last emptied maxAgeMs ago or more. */
  expire(now: number, maxAgeMs: number): void {
    if (now - this.since < maxAgeMs) return;
    this.table.fill(undefined);
    this.since = now;
  }

  /** text decodes buf[start, end) as UTF-8 and applies cleanString, as the generic OTLP path does. */
  text(buf: Buffer, start: number, end: number): string {
    const length = end - start;
    if (length === 0) return '';
    if (length > MAX_INTERNED_BYTES) return cleanString(buf.toString('utf8', start, end));
    // FNV-1a over the bytes; a byte ≥ 0x80 (not ASCII) or a NUL (which cleanString would remove) skips the table.
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) {
      const b = buf[i]!;
      if (b >= 0x80 || b === 0) return cleanString(buf.toString('utf8', start, end));
      h = Math.imul(h ^ b, 0x01000193);
    }
    const slot = (h ^ (h >>> 15)) & this.mask;
    const known = this.table[slot];
    if (known !== undefined && known.length === length) {
      let same = true;
      for (let i = 0; i < length; i++) {
        if (known.charCodeAt(i) !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return known;
    }
    // ASCII without NUL: latin1 decoding gives the same string as UTF-8, and cleanString has nothing to remove.
    const s = (buf as unknown as FastSlices).latin1Slice(start, end);
    this.table[slot] = s;
    return s;
  }
}
