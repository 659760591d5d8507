import { nanosToIso } from './otlpValues';

// Below 2^30 in the high half (before 2116), every intermediate value stays an exact double.
const FAST_HI_LIMIT = 0x40000000;
// 2^32 = 4294 × 10^6 + 967296, which splits a 64-bit nanosecond count into milliseconds and nanoseconds without BigInt.
const MS_PER_HI = 4294;
const NS_PER_HI_REST = 967296;
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * UnixNanos computes the time fields of a SpanRecord from 64-bit Unix nanosecond start and end times, given as
 * unsigned 32-bit halves, exactly as nanosToIso and BigInt arithmetic would, but without a BigInt, a Date or a
 * number formatting per span: the text up to the second is kept from the previous spans, since a batch's spans
 * share their seconds. Call set(), then read the fields.
 */
export class UnixNanos {
  startTime = '';
  endTime = '';
  startUnixNano = '';
  endUnixNano = '';
  endUnixMs = 0;
  durationMs = 0;

  private readonly seconds = [-1, -1];
  private readonly isoPrefixes = ['', ''];
  private readonly decimalPrefixes = ['', ''];
  private ms = 0;
  private rem = 0;

  /** set computes every field for a span; start ≤ end, both non-zero. */
  set(startLo: number, startHi: number, endLo: number, endHi: number): void {
    if (startHi >= FAST_HI_LIMIT || endHi >= FAST_HI_LIMIT) {
      this.setSlow(startLo, startHi, endLo, endHi);
      return;
    }
    this.split(startLo, startHi);
    this.format(0);
    this.split(endLo, endHi);
    this.format(1);
    this.endUnixMs = this.ms;
    this.durationMs = ((endHi - startHi) * 4294967296 + (endLo - startLo)) / 1e6;
  }

  /** split sets ms and rem (nanoseconds within the millisecond) for hi × 2^32 + lo nanoseconds. */
  private split(lo: number, hi: number): void {
    const r = hi * NS_PER_HI_REST + lo;
    let q = Math.floor(r / 1e6);
    let rem = r - q * 1e6;
    if (rem < 0) {
      q--;
      rem += 1e6;
    } else if (rem >= 1e6) {
      q++;
      rem -= 1e6;
    }
    this.ms = hi * MS_PER_HI + q;
    this.rem = rem;
  }

  private format(which: 0 | 1): void {
    const ms = this.ms;
    const rem = this.rem;
    const second = Math.floor(ms / 1000);
    let slot = this.seconds[0] === second ? 0 : this.seconds[1] === second ? 1 : -1;
    if (slot < 0) {
      slot = which;
      this.seconds[slot] = second;
      // "YYYY-MM-DDTHH:MM:SS." from "YYYY-MM-DDTHH:MM:SS.000Z".
      this.isoPrefixes[slot] = new Date(second * 1000).toISOString().slice(0, -4);
      this.decimalPrefixes[slot] = second === 0 ? '' : String(second);
    }
    const milli = PAD3[ms - second * 1000]!;
    const micro = PAD3[Math.floor(rem / 1000)]!;
    const iso = `${this.isoPrefixes[slot]}${milli}${micro}Z`;
    // Decimal nanoseconds: the second's digits, then 9 more, or no leading zeros below one second.
    const decimal =
      second === 0
        ? String(ms * 1e6 + rem)
        : `${this.decimalPrefixes[slot]}${milli}${micro}${PAD3[rem % 1000]}`;
    if (which === 0) {
      this.startTime = iso;
      this.startUnixNano = decimal;
    } else {
      this.endTime = iso;
      this.endUnixNano = decimal;
    }
  }

  private setSlow(startLo: number, startHi: number, endLo: number, endHi: number): void {
    const start = (BigInt(startHi) << 32n) | BigInt(startLo);
    const end = (BigInt(endHi) << 32n) | BigInt(endLo);
    this.startTime = nanosToIso(start);
    this.endTime = nanosToIso(end);
    this.startUnixNano = start.toString();
    this.endUnixNano = end.toString();
    this.endUnixMs = Number(end / 1_000_000n);
    this.durationMs = Number(end - start) / 1e6;
  }
}
