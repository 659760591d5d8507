import { IANAZone } from 'luxon';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * ZonedClock converts between instants and wall-clock times of one IANA time zone. A wall-clock time is
 * held as "floating" epoch milliseconds: the UTC instant whose UTC fields read like the local clock.
 *
 * Local times that a DST change makes ambiguous or impossible follow RFC 5545 §3.3.5: a repeated time is
 * its first occurrence (02:30 on the night Berlin falls back is 02:30 CEST), and a time skipped by a jump
 * forward is read with the offset from before the jump (02:30 on the night Berlin springs forward is
 * 03:30 CEST).
 */
export class ZonedClock {
  private static readonly clocks = new Map<string, ZonedClock>();

  private constructor(
    readonly timeZone: string,
    private readonly zone: IANAZone,
  ) {}

  /** isValidTimeZone says whether a name is an IANA time zone (such as Europe/Berlin or UTC). */
  static isValidTimeZone(name: string): boolean {
    return /^[A-Za-z]/.test(name) && IANAZone.isValidZone(name);
  }

  /** of returns the clock of a time zone and throws RangeError for a name that is not an IANA zone. */
  static of(timeZone: string): ZonedClock {
    const hit = ZonedClock.clocks.get(timeZone);
    if (hit) return hit;
    if (!ZonedClock.isValidTimeZone(timeZone))
      throw new RangeError(`unknown time zone ${JSON.stringify(timeZone)}`);
    const clock = new ZonedClock(timeZone, IANAZone.create(timeZone));
    ZonedClock.clocks.set(timeZone, clock);
    return clock;
  }

  /** offsetMs is the zone's UTC offset at an instant, in milliseconds. */
  offsetMs(instantMs: number): number {
    return this.zone.offset(instantMs) * MINUTE;
  }

  /** toWall is the wall-clock time (floating milliseconds) at an instant. */
  toWall(instantMs: number): number {
    return instantMs + this.offsetMs(instantMs);
  }

  /** toInstant is the instant a wall-clock time (floating milliseconds) names, by the RFC 5545 rules above. */
  toInstant(wallMs: number): number {
    const before = this.offsetMs(wallMs - DAY);
    const after = this.offsetMs(wallMs + DAY);
    let best: number | null = null;
    for (const offset of before === after ? [before] : [before, after]) {
      const instant = wallMs - offset;
      if (this.offsetMs(instant) === offset && (best === null || instant < best)) best = instant;
    }
    return best ?? wallMs - before;
  }

  /** minOffsetNear is the smallest offset within a day of an instant, to widen searches over DST changes. */
  minOffsetNear(instantMs: number): number {
    return Math.min(this.offsetMs(instantMs - DAY), this.offsetMs(instantMs), this.offsetMs(instantMs + DAY));
  }

  /** maxOffsetNear is the largest offset within a day of an instant. */
  maxOffsetNear(instantMs: number): number {
    return Math.max(this.offsetMs(instantMs - DAY), this.offsetMs(instantMs), this.offsetMs(instantMs + DAY));
  }
}
