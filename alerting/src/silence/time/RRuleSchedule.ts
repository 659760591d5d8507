import { Frequency, RRule, Weekday } from 'rrule';
import type { Options } from 'rrule';
import type { ParsedRRule } from './parseRRule';
import { RecurrenceBudgetError } from './RecurrenceBudgetError';
import { TimeWindowError } from './TimeWindowError';
import type { WallSchedule } from './WallSchedule';
import type { ZonedClock } from './ZonedClock';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const PERIOD_BUDGET = 5_000;
const MAX_RESULTS = 20_000;
// Far above what PERIOD_BUDGET periods of any rule that does occur take (a few per period and result).
const STEP_BUDGET = 2_000_000;

/**
 * RRuleSchedule expands an RRULE with the rrule package in floating wall-clock time; ZonedClock then maps
 * each start to an instant. The package's own `tzid` support is not used: it converts through the
 * process's local time zone, and its results change with the TZ the process runs in.
 *
 * The package always iterates from DTSTART, period by period, and keeps going until the rule produces a
 * date past the range asked for, up to the year 9999. So every query here starts from a DTSTART moved
 * forward a whole number of INTERVALs to the period holding the range (with the values the package
 * would have taken from the original DTSTART written out), and every iteration is stopped after 5 000
 * periods with RecurrenceBudgetError.
 */
export class RRuleSchedule implements WallSchedule {
  private constructor(
    private readonly options: Partial<Options>,
    private readonly dtstartWall: number,
    /** lastWall is the latest start the rule allows (its UNTIL or its COUNT-th start), if it has one. */
    readonly lastWall: number | undefined,
    private readonly expanded: number[] | null,
  ) {}

  /** create checks the rule against its DTSTART and throws TimeWindowError naming the `rrule` field. */
  static create(rule: ParsedRRule, dtstartWall: number, clock: ZonedClock): RRuleSchedule {
    const start = new Date(dtstartWall);
    checkReachable(rule, start);
    const options = explicitOptions(rule, start);
    let untilWall: number | undefined;
    if (rule.until) {
      const u = rule.until;
      untilWall = u.kind === 'instant' ? clock.toWall(u.ms) : u.kind === 'date' ? u.ms + DAY - 1000 : u.ms;
      options.until = new Date(untilWall);
    }
    if (rule.count === undefined) return new RRuleSchedule(options, dtstartWall, untilWall, null);
    let all: number[];
    try {
      all = budgeted({ ...options, count: rule.count, dtstart: start })
        .all()
        .map((d) => d.getTime());
    } catch (err) {
      if (!(err instanceof RecurrenceBudgetError)) throw err;
      throw new TimeWindowError(
        'rrule',
        `rrule: COUNT=${rule.count} takes too long to reach; the rule is too sparse`,
      );
    }
    return new RRuleSchedule(options, dtstartWall, all[all.length - 1] ?? dtstartWall - 1, all);
  }

  /** between is the starts in [fromWall, toWall]; it may throw RecurrenceBudgetError. */
  between(fromWall: number, toWall: number): number[] {
    if (this.expanded) return this.expanded.filter((w) => w >= fromWall && w <= toWall);
    if (this.lastWall !== undefined && fromWall > this.lastWall) return [];
    const rule = budgeted({ ...this.options, dtstart: new Date(this.rebase(fromWall)) });
    return rule
      .between(new Date(fromWall), new Date(toWall), true, (_d, n) => n < MAX_RESULTS)
      .map((d) => d.getTime());
  }

  /** firstFrom is the first start at or after fromWall; it may throw RecurrenceBudgetError. */
  firstFrom(fromWall: number): number | null {
    if (this.expanded) return this.expanded.find((w) => w >= fromWall) ?? null;
    if (this.lastWall !== undefined && fromWall > this.lastWall) return null;
    const rule = budgeted({ ...this.options, dtstart: new Date(this.rebase(fromWall)) });
    return rule.after(new Date(fromWall), true)?.getTime() ?? null;
  }

  /** rebase is the start of the INTERVAL-aligned period holding fromWall, or DTSTART if that is later. */
  private rebase(fromWall: number): number {
    const d0 = this.dtstartWall;
    if (fromWall <= d0) return d0;
    const interval = this.options.interval ?? 1;
    const aligned = (base: number, unit: number): number =>
      base + Math.floor((fromWall - base) / unit) * unit;
    const start = new Date(d0);
    const at = new Date(fromWall);
    let rebased: number;
    switch (this.options.freq) {
      case Frequency.MINUTELY:
        rebased = aligned(Math.floor(d0 / MINUTE) * MINUTE, interval * MINUTE);
        break;
      case Frequency.HOURLY:
        rebased = aligned(Math.floor(d0 / HOUR) * HOUR, interval * HOUR);
        break;
      case Frequency.DAILY:
        rebased = aligned(Math.floor(d0 / DAY) * DAY, interval * DAY);
        break;
      case Frequency.WEEKLY: {
        const wkst = typeof this.options.wkst === 'number' ? this.options.wkst : 0;
        const back = (mondayBased(start) - wkst + 7) % 7;
        rebased = aligned(Math.floor(d0 / DAY) * DAY - back * DAY, interval * 7 * DAY);
        break;
      }
      case Frequency.MONTHLY: {
        const m0 = start.getUTCFullYear() * 12 + start.getUTCMonth();
        const m = at.getUTCFullYear() * 12 + at.getUTCMonth();
        const k = m0 + Math.floor((m - m0) / interval) * interval;
        rebased = Date.UTC(Math.floor(k / 12), k % 12, 1);
        break;
      }
      default: {
        const y0 = start.getUTCFullYear();
        rebased = Date.UTC(y0 + Math.floor((at.getUTCFullYear() - y0) / interval) * interval, 0, 1);
      }
    }
    return rebased > d0 ? rebased : d0;
  }
}

/**
 * explicitOptions writes out what the rrule package would otherwise take from DTSTART (the day for
 * WEEKLY/MONTHLY/YEARLY, the hour and minute for coarser frequencies, the second always), so that moving
 * DTSTART forward does not change the rule.
 */
function explicitOptions(rule: ParsedRRule, start: Date): Partial<Options> {
  const f = rule.freq;
  const o: Partial<Options> = {
    freq: f,
    interval: rule.interval,
    wkst: rule.wkst ?? 0,
    bysetpos: rule.bysetpos ?? null,
    bymonth: rule.bymonth ?? null,
    bymonthday: rule.bymonthday ?? null,
    byyearday: rule.byyearday ?? null,
    byweekno: rule.byweekno ?? null,
    byweekday: rule.byweekday?.map((d) => new Weekday(d.weekday, d.n)) ?? null,
    byhour: rule.byhour ?? null,
    byminute: rule.byminute ?? null,
    bysecond: [start.getUTCSeconds()],
    tzid: null,
  };
  if (!rule.byweekno && !rule.byyearday && !rule.bymonthday && !rule.byweekday) {
    if (f === Frequency.YEARLY) {
      o.bymonth ??= [start.getUTCMonth() + 1];
      o.bymonthday = [start.getUTCDate()];
    } else if (f === Frequency.MONTHLY) {
      o.bymonthday = [start.getUTCDate()];
    } else if (f === Frequency.WEEKLY) {
      o.byweekday = [new Weekday(mondayBased(start))];
    }
  }
  if (o.byhour === null && f < Frequency.HOURLY) o.byhour = [start.getUTCHours()];
  if (o.byminute === null && f < Frequency.MINUTELY) o.byminute = [start.getUTCMinutes()];
  return o;
}

/**
 * checkReachable refuses HOURLY/MINUTELY rules whose INTERVAL steps never land on a BYHOUR/BYMINUTE value
 * from DTSTART (FREQ=HOURLY;INTERVAL=2;BYHOUR=3 from an even hour): the rrule package loops forever on them.
 */
function checkReachable(rule: ParsedRRule, start: Date): void {
  if (rule.interval === 1) return;
  const refuse = (): never => {
    throw new TimeWindowError(
      'rrule',
      `rrule: with INTERVAL=${rule.interval} from dtstart's time, the BYHOUR/BYMINUTE values are never reached`,
    );
  };
  if (rule.freq === Frequency.HOURLY && rule.byhour) {
    const g = gcd(rule.interval, 24);
    if (!rule.byhour.some((h) => (((h - start.getUTCHours()) % g) + g) % g === 0)) refuse();
  }
  if (rule.freq === Frequency.MINUTELY && (rule.byhour || rule.byminute)) {
    const g = gcd(rule.interval, 1440);
    const m0 = start.getUTCHours() * 60 + start.getUTCMinutes();
    const hours = rule.byhour ?? Array.from({ length: 24 }, (_, i) => i);
    const minutes = rule.byminute ?? Array.from({ length: 60 }, (_, i) => i);
    if (!hours.some((h) => minutes.some((m) => (((h * 60 + m - m0) % g) + g) % g === 0))) refuse();
  }
}

/**
 * budgeted builds a rule whose iteration throws RecurrenceBudgetError after PERIOD_BUDGET periods, or after
 * STEP_BUDGET looks at BYHOUR/BYMINUTE/BYSECOND.
 */
function budgeted(options: Partial<Options>): RRule {
  const rule = new RRule(options, true);
  let reads = 0;
  let steps = 0;
  // The package's sub-daily steps (addHours, addMinutes, addSeconds) loop, inside one period, until the hour, minute
  // and second are in BYHOUR/BYMINUTE/BYSECOND; some rules never get there (FREQ=MINUTELY;BYMONTHDAY=31;BYHOUR=2 from
  // midnight skips a filtered day by whole days and stays at hour 0), which hung the process (found by the fuzz
  // drill). Each turn of those loops reads the list, so counting the reads bounds them too.
  const counted = (list: number[] | null | undefined): number[] | null | undefined =>
    list
      ? new Proxy(list, {
          get(target, key, receiver): unknown {
            if (++steps > STEP_BUDGET) throw new RecurrenceBudgetError(PERIOD_BUDGET);
            return Reflect.get(target, key, receiver) as unknown;
          },
        })
      : list;
  const lists: Record<string, number[] | null | undefined> = {
    byhour: counted(rule.options.byhour),
    byminute: counted(rule.options.byminute),
    bysecond: counted(rule.options.bysecond),
  };
  // The package reads `options.interval` twice for every period it steps through, including periods that
  // yield nothing; counting those reads is the only hook that bounds a search for a rule that rarely fires.
  rule.options = new Proxy(rule.options, {
    get(target, key, receiver): unknown {
      if (key === 'interval' && ++reads > 2 * PERIOD_BUDGET) throw new RecurrenceBudgetError(PERIOD_BUDGET);
      if (typeof key === 'string' && Object.hasOwn(lists, key)) return lists[key];
      return Reflect.get(target, key, receiver) as unknown;
    },
  }) as RRule['options'];
  return rule;
}

function mondayBased(d: Date): number {
  return (d.getUTCDay() + 6) % 7;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
