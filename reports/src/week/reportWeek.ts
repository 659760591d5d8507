import { DateTime } from 'luxon';
import type { ReportWeek } from '../report/WeeklyReport';

/** WEEK_LABEL is the ISO week label a report is asked for by, e.g. "2026-W47". */
export const WEEK_LABEL = /^(\d{4})-W(\d{2})$/;

/** InvalidWeekError says a week label or time zone cannot name a report week. */
export class InvalidWeekError extends Error {
  override readonly name = 'InvalidWeekError';
}

// en-GB names zones by their abbreviations (CET, CEST, BST); en-US would say GMT+1.
const LOCALE = 'en-GB';

const local = (dt: DateTime): string =>
  `${dt.toFormat('yyyy-MM-dd HH:mm')} ${dt.offsetNameShort ?? dt.zoneName}`;

function fromMonday(monday: DateTime): ReportWeek {
  const end = monday.plus({ weeks: 1 });
  const hours = Math.round(end.diff(monday, 'hours').hours);
  return {
    label: `${monday.weekYear}-W${String(monday.weekNumber).padStart(2, '0')}`,
    timeZone: monday.zoneName ?? 'UTC',
    start: monday.toUTC().toISO({ suppressMilliseconds: true })!,
    end: end.toUTC().toISO({ suppressMilliseconds: true })!,
    startLocal: local(monday),
    endLocal: local(end),
    hours,
    dstNote: hours === 168 ? null : dstNote(monday, end, hours),
  };
}

// Says on which local day the clocks changed; days are walked because a week holds at most one change in practice.
function dstNote(monday: DateTime, end: DateTime, hours: number): string {
  let day = monday;
  while (day < end) {
    const next = day.plus({ days: 1 });
    const length = Math.round(next.diff(day, 'hours').hours);
    if (length !== 24) {
      const direction = length < 24 ? 'forward' : 'back';
      return (
        `This week had ${hours} hours, not 168: clocks went ${direction} one hour on ${day.toFormat('cccc d LLLL')} ` +
        `(${day.offsetNameShort} → ${next.offsetNameShort}), and every figure covers the ${hours} hours.`
      );
    }
    day = next;
  }
  return `This week had ${hours} hours, not 168, because of a change of UTC offset in ${monday.zoneName}.`;
}

function zoneCheck(timeZone: string): void {
  if (!DateTime.now().setZone(timeZone).isValid) throw new InvalidWeekError(`unknown time zone ${timeZone}`);
}

/** weekContaining is the report week, in the time zone, that contains the instant. */
export function weekContaining(instant: Date, timeZone: string): ReportWeek {
  zoneCheck(timeZone);
  const at = DateTime.fromJSDate(instant, { zone: timeZone }).setLocale(LOCALE);
  return fromMonday(at.startOf('week'));
}

/** lastCompleteWeek is the latest week, in the time zone, that ended at or before the instant. */
export function lastCompleteWeek(instant: Date, timeZone: string): ReportWeek {
  const current = weekContaining(instant, timeZone);
  return previousWeek(current);
}

/** previousWeek is the week before. */
export function previousWeek(week: ReportWeek): ReportWeek {
  const monday = DateTime.fromISO(week.start, { zone: week.timeZone, locale: LOCALE });
  return fromMonday(monday.minus({ weeks: 1 }).startOf('week'));
}

/** weekByLabel is the week an ISO label such as "2026-W47" names, in the time zone. */
export function weekByLabel(label: string, timeZone: string): ReportWeek {
  zoneCheck(timeZone);
  const m = WEEK_LABEL.exec(label);
  if (!m) throw new InvalidWeekError('week must look like 2026-W47');
  const monday = DateTime.fromObject(
    { weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: 1 },
    { zone: timeZone, locale: LOCALE },
  );
  if (!monday.isValid || monday.weekNumber !== Number(m[2]))
    throw new InvalidWeekError(`${label} is not a week of ${m[1]}`);
  return fromMonday(monday.startOf('day'));
}

/** LocalDay is one local calendar day of a week, as UTC instants. */
export interface LocalDay {
  date: string;
  start: Date;
  end: Date;
  hours: number;
}

/** weekDays are the seven local days of the week (one may be 23 or 25 hours long). */
export function weekDays(week: ReportWeek): LocalDay[] {
  const monday = DateTime.fromISO(week.start, { zone: week.timeZone, locale: LOCALE });
  return Array.from({ length: 7 }, (_, i) => {
    const start = monday.plus({ days: i });
    const end = monday.plus({ days: i + 1 });
    return {
      date: start.toISODate()!,
      start: start.toJSDate(),
      end: end.toJSDate(),
      hours: Math.round(end.diff(start, 'hours').hours),
    };
  });
}
