import { CronSchedule } from './CronSchedule';
import type { Occurrence } from './Occurrence';
import { parseLocalDateTime } from './parseLocalDateTime';
import { parseRRule } from './parseRRule';
import { RecurrenceBudgetError } from './RecurrenceBudgetError';
import { RRuleSchedule } from './RRuleSchedule';
import type { TimeWindow } from './TimeWindow';
import { TimeWindowError } from './TimeWindowError';
import type { WallSchedule } from './WallSchedule';
import { ZonedClock } from './ZonedClock';
import { RecentMap } from '@sightline/telemetry';

const HOUR = 3_600_000;
const CACHE_SIZE = 512;
const cache = new RecentMap<string, CompiledTimeWindow>(CACHE_SIZE);

interface Recurrence {
  clock: ZonedClock;
  schedule: WallSchedule;
}

/**
 * CompiledTimeWindow answers occurrence questions for one window, parsed once (and kept in a small cache
 * keyed by the window's JSON). Recurring windows are expanded in wall-clock time and each start mapped to
 * an instant by ZonedClock, so a weekly 02:00 Europe/Berlin window stays at 02:00 local across DST, a start
 * that falls in the hour skipped in spring moves forward by that hour (02:30 becomes 03:30), and a start in
 * the hour repeated in autumn happens once, at its first occurrence. A duration is elapsed time: 120
 * minutes from 01:30 on the spring-forward night ends at 04:30 local.
 *
 * `until` cuts windows off: nothing starts at or after it and an occurrence running past it ends there. A
 * cron window's `startsAt` is its first possible start. Occurrences are half-open: [start, end).
 */
export class CompiledTimeWindow {
  private constructor(
    private readonly recurrence: Recurrence | null,
    private readonly durationMs: number,
    private readonly lowerMs: number,
    private readonly untilMs: number,
  ) {}

  /** compile parses a window and throws TimeWindowError (naming the field) for one that is invalid. */
  static compile(window: TimeWindow): CompiledTimeWindow {
    const key = JSON.stringify(window);
    const hit = cache.get(key);
    if (hit) return hit;
    const compiled = CompiledTimeWindow.build(window);
    cache.set(key, compiled);
    return compiled;
  }

  /** active is the occurrence covering at (the latest-starting one if several overlap), or null. */
  active(atMs: number): Occurrence | null {
    try {
      return this.activeUnguarded(atMs);
    } catch (err) {
      if (err instanceof RecurrenceBudgetError) return null;
      throw err;
    }
  }

  /** next is the first occurrence starting strictly after afterMs, or null. */
  next(afterMs: number): Occurrence | null {
    try {
      return this.nextUnguarded(afterMs);
    } catch (err) {
      if (err instanceof RecurrenceBudgetError) return null;
      throw err;
    }
  }

  /** expired says whether no occurrence covers atMs or any later time. */
  expired(atMs: number): boolean {
    if (atMs >= this.untilMs) return true;
    return this.active(atMs) === null && this.next(atMs) === null;
  }

  /**
   * firstOccurrence is the window's first occurrence (ignoring `until` when clipped is false); unlike the
   * other methods it lets RecurrenceBudgetError through, so validation can report a rule that never occurs.
   */
  firstOccurrence(clipped = true): Occurrence | null {
    const from = Number.isFinite(this.lowerMs) ? this.lowerMs : 0;
    if (clipped) return this.nextUnguarded(from - 1);
    return new CompiledTimeWindow(this.recurrence, this.durationMs, this.lowerMs, Infinity).nextUnguarded(
      from - 1,
    );
  }

  private activeUnguarded(atMs: number): Occurrence | null {
    if (atMs < this.lowerMs || atMs >= this.untilMs) return null;
    if (!this.recurrence) return this.occurrence(this.lowerMs);
    // Most of the time a window is not in force: one search for its first start in reach settles that,
    // and each range query below costs a rarely firing rule the whole gap to its next start.
    const { clock, schedule } = this.recurrence;
    const earliest = atMs - this.durationMs;
    const first = schedule.firstFrom(earliest + clock.minOffsetNear(earliest));
    if (first === null || first > atMs + clock.maxOffsetNear(atMs)) return null;
    // Look back a little first and widen: for a dense rule the latest start is close, and a long window
    // of minutely starts would otherwise expand thousands of them.
    let span = Math.min(HOUR, this.durationMs);
    for (;;) {
      const from = atMs - span;
      let latest = -Infinity;
      for (const s of this.startsNear(from, atMs)) {
        if (s <= atMs && s >= this.lowerMs && s > latest) latest = s;
      }
      if (latest >= from) {
        const o = this.occurrence(latest);
        return o && o.end.getTime() > atMs ? o : null;
      }
      if (span >= this.durationMs) return null;
      span = Math.min(span * 2, this.durationMs);
    }
  }

  private nextUnguarded(afterMs: number): Occurrence | null {
    const from = Math.max(afterMs + 1, this.lowerMs);
    if (from >= this.untilMs) return null;
    if (!this.recurrence) return from <= this.lowerMs ? this.occurrence(this.lowerMs) : null;
    const { clock, schedule } = this.recurrence;
    let cursor = from + clock.minOffsetNear(from);
    for (let round = 0; round < 100; round++) {
      const first = schedule.firstFrom(cursor);
      if (first === null) return null;
      const i1 = clock.toInstant(first);
      // Around a DST change a later wall time can be an earlier instant, so look one offset-change further.
      const spread = clock.maxOffsetNear(i1) - clock.minOffsetNear(i1);
      const walls = spread === 0 ? [first] : schedule.between(first, first + spread);
      let best: number | null = null;
      for (const w of walls) {
        const i = clock.toInstant(w);
        if (i >= from && (best === null || i < best)) best = i;
      }
      if (best !== null) return this.occurrence(best);
      cursor = first + spread + 1;
    }
    return null;
  }

  /** startsNear is the instants of starts whose instant may lie in [fromMs, toMs] (a superset). */
  private startsNear(fromMs: number, toMs: number): number[] {
    const { clock, schedule } = this.recurrence!;
    const walls = schedule.between(fromMs + clock.minOffsetNear(fromMs), toMs + clock.maxOffsetNear(toMs));
    return walls.map((w) => clock.toInstant(w));
  }

  private occurrence(startMs: number): Occurrence | null {
    if (startMs < this.lowerMs || startMs >= this.untilMs) return null;
    return { start: new Date(startMs), end: new Date(Math.min(startMs + this.durationMs, this.untilMs)) };
  }

  private static build(w: TimeWindow): CompiledTimeWindow {
    if (w.kind === 'once') {
      const start = Date.parse(w.startsAt);
      const end = Date.parse(w.endsAt);
      return new CompiledTimeWindow(null, end - start, start, end);
    }
    const clock = ZonedClock.of(w.timeZone);
    const durationMs = w.durationMinutes * 60_000;
    const untilMs = w.until === undefined ? Infinity : Date.parse(w.until);
    if (w.kind === 'cron') {
      const lower = w.startsAt === undefined ? -Infinity : Date.parse(w.startsAt);
      return new CompiledTimeWindow(
        { clock, schedule: CronSchedule.create(w.cron) },
        durationMs,
        lower,
        untilMs,
      );
    }
    const dtstartWall = parseLocalDateTime(w.dtstart);
    if (dtstartWall === null)
      throw new TimeWindowError('dtstart', `dtstart ${JSON.stringify(w.dtstart)} is not a local date-time`);
    const rule = parseRRule(w.rrule);
    if (!rule.ok) throw new TimeWindowError('rrule', rule.message);
    const schedule = RRuleSchedule.create(rule.rule, dtstartWall, clock);
    return new CompiledTimeWindow({ clock, schedule }, durationMs, clock.toInstant(dtstartWall), untilMs);
  }
}
