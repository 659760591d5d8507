import type { ZonedClock } from '../silence/time/ZonedClock';
import type { ScheduleLayer } from './ScheduleSpec';

const DAY = 86_400_000;

/** LayerShift is one participant's turn in a layer: the k-th since the layer's first handoff. */
export interface LayerShift {
  user: string;
  start: number;
  end: number;
  k: number;
}

/**
 * LayerRotation computes a layer's handoffs. Handoff k is at handoffTime local time on the date startDate
 * + k × shiftLength days (× 7 for weekly), so it keeps to the local clock across DST: the shift that spans
 * the autumn change lasts 25 hours and the spring one 23. A handoffTime the spring change skips moves
 * forward by the gap (02:30 becomes 03:30) and one it repeats is the first of the two, as in ZonedClock.
 */
export class LayerRotation {
  private readonly firstWall: number;
  private readonly periodMs: number;

  constructor(
    readonly layer: ScheduleLayer,
    readonly index: number,
    private readonly clock: ZonedClock,
  ) {
    const [y, m, d] = layer.startDate.split('-').map(Number) as [number, number, number];
    const [hh, mm] = layer.handoffTime.split(':').map(Number) as [number, number];
    this.firstWall = Date.UTC(y, m - 1, d, hh, mm);
    // A spec that skipped ScheduleSpecSchema may lack shiftLength; a NaN period would never end handoffsIn.
    const shiftLength = Number.isInteger(layer.shiftLength) && layer.shiftLength > 0 ? layer.shiftLength : 1;
    this.periodMs = (layer.rotation === 'weekly' ? 7 : 1) * shiftLength * DAY;
  }

  /** handoffAt is the instant of handoff k (k = 0 is the first, on startDate). */
  handoffAt(k: number): number {
    return this.clock.toInstant(this.firstWall + k * this.periodMs);
  }

  /** indexAt is the number of the shift under way at an instant, or -1 before the first handoff. */
  indexAt(ms: number): number {
    let k = Math.max(-1, Math.floor((this.clock.toWall(ms) - this.firstWall) / this.periodMs));
    while (k >= 0 && this.handoffAt(k) > ms) k -= 1;
    while (this.handoffAt(k + 1) <= ms) k += 1;
    return k;
  }

  /** shiftAt is the shift under way at an instant, or null before the layer starts. */
  shiftAt(ms: number): LayerShift | null {
    const k = this.indexAt(ms);
    return k < 0 ? null : this.shift(k);
  }

  /** shift is the k-th shift. */
  shift(k: number): LayerShift {
    const people = this.layer.participants;
    return { user: people[k % people.length]!, start: this.handoffAt(k), end: this.handoffAt(k + 1), k };
  }

  /** handoffsIn is the handoff instants strictly between from and to. */
  handoffsIn(from: number, to: number): number[] {
    const out: number[] = [];
    for (let k = this.indexAt(from) + 1; ; k++) {
      const h = this.handoffAt(k);
      if (h >= to) return out;
      if (h > from) out.push(h);
    }
  }
}
