import { z } from 'zod';
import { IanaTimeZoneSchema } from '../silence/time/IanaTimeZoneSchema';

// Zod still runs refinements after a non-fatal issue (a malformed date string, say); the cross-field
// checks below only make sense, and only run, once every field has parsed.
const ONLY_WHEN_VALID = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const instant = (field: string) =>
  z.iso.datetime({
    offset: true,
    error: `${field} must be an ISO 8601 date-time with Z or an offset, such as 2024-03-04T09:00:00+01:00`,
  });

/** isoWeekday is 1 for Monday through 7 for Sunday. */
function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** ScheduleLayerSchema is one rotation: participants take turns, handing off at handoffTime local time. */
export const ScheduleLayerSchema = z
  .strictObject({
    name: z
      .string({ error: 'name must be a string' })
      .min(1, 'name must not be empty')
      .max(100, 'name is too long'),
    rotation: z.enum(['daily', 'weekly'], { error: "rotation must be 'daily' or 'weekly'" }),
    handoffTime: z
      .string({ error: 'handoffTime must be a string' })
      .regex(HH_MM, 'handoffTime must be HH:mm on a 24-hour clock, such as 09:00'),
    handoffWeekday: z
      .int({ error: 'handoffWeekday must be a whole number from 1 (Monday) to 7 (Sunday)' })
      .min(1, 'handoffWeekday must be from 1 (Monday) to 7 (Sunday)')
      .max(7, 'handoffWeekday must be from 1 (Monday) to 7 (Sunday)')
      .optional(),
    startDate: z.iso.date({
      error: 'startDate must be a date such as 2024-03-04 (the first handoff, local)',
    }),
    participants: z
      .array(
        z
          .string({ error: 'participants must be user ids' })
          .min(1, 'participants must not contain an empty user id')
          .max(200, 'a participant id is too long'),
        { error: 'participants must be a list of user ids' },
      )
      .min(1, 'participants must list at least one user')
      .max(100, 'participants can list at most 100 users'),
    shiftLength: z
      .int({ error: 'shiftLength must be a whole number' })
      .min(1, 'shiftLength must be at least 1')
      .default(1),
  })
  .superRefine((l, ctx) => {
    const issue = (path: string, message: string): void =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (l.rotation === 'weekly') {
      if (l.handoffWeekday === undefined) {
        issue('handoffWeekday', 'handoffWeekday (1 = Monday … 7 = Sunday) is required for a weekly rotation');
      } else if (isoWeekday(l.startDate) !== l.handoffWeekday) {
        issue(
          'startDate',
          `startDate ${l.startDate} is a ${WEEKDAYS[isoWeekday(l.startDate) - 1]}, but handoffWeekday ${l.handoffWeekday} is ${WEEKDAYS[l.handoffWeekday - 1]}: the first handoff must fall on handoffWeekday`,
        );
      }
      if (l.shiftLength > 52)
        issue('shiftLength', 'shiftLength must be at most 52 weeks for a weekly rotation');
    } else {
      if (l.handoffWeekday !== undefined)
        issue('handoffWeekday', 'handoffWeekday only applies to weekly rotations');
      if (l.shiftLength > 365)
        issue('shiftLength', 'shiftLength must be at most 365 days for a daily rotation');
    }
  }, ONLY_WHEN_VALID);

/** ScheduleOverrideSchema puts one user on call from start to end, above every layer. */
export const ScheduleOverrideSchema = z
  .strictObject({
    user: z
      .string({ error: 'user must be a user id' })
      .min(1, 'user must not be empty')
      .max(200, 'user is too long'),
    start: instant('start'),
    end: instant('end'),
  })
  .superRefine((o, ctx) => {
    if (Date.parse(o.end) <= Date.parse(o.start)) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'end must be after start' });
    }
  }, ONLY_WHEN_VALID);

/**
 * ScheduleSpecSchema validates an on-call schedule: a time zone, 1 to 10 layers (a later layer outranks
 * an earlier one) and up to 1000 overrides (a later override outranks an earlier one and every layer).
 */
export const ScheduleSpecSchema = z
  .strictObject({
    timeZone: IanaTimeZoneSchema,
    layers: z
      .array(ScheduleLayerSchema, { error: 'layers must be a list' })
      .min(1, 'layers must have at least one layer')
      .max(10, 'layers can have at most 10 layers'),
    overrides: z
      .array(ScheduleOverrideSchema, { error: 'overrides must be a list' })
      .max(1000, 'overrides can have at most 1000 entries')
      .default([]),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.layers.forEach((l, i) => {
      if (seen.has(l.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['layers', i, 'name'],
          message: `name ${JSON.stringify(l.name)} is used by another layer`,
        });
      }
      seen.add(l.name);
    });
  }, ONLY_WHEN_VALID);

/** ScheduleSpec is a validated on-call schedule; see ScheduleSpecSchema. */
export type ScheduleSpec = z.output<typeof ScheduleSpecSchema>;

/** ScheduleLayer is one rotation of a schedule. */
export type ScheduleLayer = z.output<typeof ScheduleLayerSchema>;

/** ScheduleOverride puts one user on call for a time range. */
export type ScheduleOverride = z.output<typeof ScheduleOverrideSchema>;
