import type { ShiftSource } from './OnCallShift';
import type { ScheduleSpec } from './ScheduleSpec';
import { ScheduleTimeline } from './ScheduleTimeline';

/** OnCallNow is who is on call at one instant, and the stretch of the final schedule that puts them there. */
export interface OnCallNow {
  /** users is the one user on call, or empty when nobody is. */
  users: string[];
  shift: { start: Date; end: Date; source: ShiftSource; layer?: string } | null;
}

/**
 * onCallAt is who is on call at an instant, with PagerDuty semantics: an override beats every layer (the
 * later of two overlapping overrides wins), a later layer beats an earlier one once it has started, and
 * nobody is on call before the first layer's first handoff. The shift is the stretch of the final schedule
 * holding `at`, so an override starting later in the day ends it early. The spec must have passed
 * ScheduleSpecSchema.
 */
export function onCallAt(spec: ScheduleSpec, at: Date): OnCallNow {
  const s = new ScheduleTimeline(spec).segmentAt(at.getTime());
  if (!s) return { users: [], shift: null };
  const shift: OnCallNow['shift'] = { start: new Date(s.start), end: new Date(s.end), source: s.source };
  if (s.layer !== undefined) shift.layer = s.layer;
  return { users: [s.user], shift };
}
