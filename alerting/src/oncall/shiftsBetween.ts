import type { OnCallShift } from './OnCallShift';
import type { ScheduleSpec } from './ScheduleSpec';
import { ScheduleRangeError } from './ScheduleRangeError';
import { ScheduleTimeline } from './ScheduleTimeline';

/** MAX_SHIFTS_RANGE_DAYS is the longest range shiftsBetween renders at once. */
export const MAX_SHIFTS_RANGE_DAYS = 90;

/** MAX_SHIFTS is the most entries shiftsBetween returns. */
export const MAX_SHIFTS = 1000;

/**
 * shiftsBetween is the final schedule from `from` to `to` (the same rules as onCallAt), as consecutive
 * shifts clipped to the range, leaving out times when nobody is on call. It throws ScheduleRangeError when
 * to is not after from, when the range is longer than 90 days, or when it holds more than 1000 shifts.
 * The spec must have passed ScheduleSpecSchema.
 */
export function shiftsBetween(spec: ScheduleSpec, from: Date, to: Date): OnCallShift[] {
  const a = from.getTime();
  const b = to.getTime();
  if (!(b > a)) throw new ScheduleRangeError('to must be after from');
  if (b - a > MAX_SHIFTS_RANGE_DAYS * 86_400_000) {
    throw new ScheduleRangeError(
      `the range is longer than ${MAX_SHIFTS_RANGE_DAYS} days; ask for a shorter one`,
    );
  }
  const segments = new ScheduleTimeline(spec).segments(a, b, MAX_SHIFTS);
  if (!segments)
    throw new ScheduleRangeError(`the range holds more than ${MAX_SHIFTS} shifts; ask for a shorter one`);
  return segments.map((s) => {
    const shift: OnCallShift = {
      user: s.user,
      start: new Date(s.start),
      end: new Date(s.end),
      source: s.source,
    };
    if (s.layer !== undefined) shift.layer = s.layer;
    return shift;
  });
}
