import { z } from 'zod';
import { CompiledTimeWindow } from './CompiledTimeWindow';
import { IanaTimeZoneSchema } from './IanaTimeZoneSchema';
import { parseLocalDateTime } from './parseLocalDateTime';
import { parseRRule } from './parseRRule';
import { RecurrenceBudgetError } from './RecurrenceBudgetError';
import { TimeWindowError } from './TimeWindowError';

// Zod still runs refinements after a non-fatal issue (a malformed date string, say); the cross-field
// checks below only make sense, and only run, once every field has parsed.
const ONLY_WHEN_VALID = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

const instant = (field: string) =>
  z.iso.datetime({
    offset: true,
    error: `${field} must be an ISO 8601 date-time with Z or an offset, such as 2024-03-30T02:00:00Z`,
  });

const durationMinutes = z
  .int({ error: 'durationMinutes must be a whole number of minutes' })
  .min(1, 'durationMinutes must be at least 1')
  .max(10080, 'durationMinutes must be at most 10080 (one week)');

/** OnceWindowSchema is a single range: in force from startsAt until endsAt. */
export const OnceWindowSchema = z
  .strictObject({ kind: z.literal('once'), startsAt: instant('startsAt'), endsAt: instant('endsAt') })
  .superRefine((w, ctx) => {
    if (Date.parse(w.endsAt) <= Date.parse(w.startsAt)) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'endsAt must be after startsAt' });
    }
  }, ONLY_WHEN_VALID);

/** RRuleWindowSchema is a window that starts at each RRULE occurrence and lasts durationMinutes. */
export const RRuleWindowSchema = z
  .strictObject({
    kind: z.literal('rrule'),
    rrule: z
      .string({ error: 'rrule must be a string' })
      .min(1, 'rrule must not be empty')
      .max(500, 'rrule is too long'),
    dtstart: z.string({ error: 'dtstart must be a string' }),
    durationMinutes,
    timeZone: IanaTimeZoneSchema,
    until: instant('until').optional(),
  })
  .superRefine((w, ctx) => {
    const issue = (path: string, message: string): void =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    const start = parseLocalDateTime(w.dtstart);
    if (start === null) {
      issue(
        'dtstart',
        'dtstart must be a local date-time such as 2024-03-02T02:00 or a date such as 2024-03-02, without an offset: it is read in timeZone',
      );
    }
    const rule = parseRRule(w.rrule);
    if (!rule.ok) issue('rrule', rule.message);
    if (start === null || !rule.ok) return;
    checkHasOccurrence(w, issue);
  }, ONLY_WHEN_VALID);

/** CronWindowSchema is a window that starts at each tick of a 5-field cron expression. */
export const CronWindowSchema = z
  .strictObject({
    kind: z.literal('cron'),
    cron: z.string({ error: 'cron must be a string' }).max(200, 'cron is too long'),
    durationMinutes,
    timeZone: IanaTimeZoneSchema,
    startsAt: instant('startsAt').optional(),
    until: instant('until').optional(),
  })
  .superRefine((w, ctx) => {
    const issue = (path: string, message: string): void =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (w.startsAt !== undefined && w.until !== undefined && Date.parse(w.until) <= Date.parse(w.startsAt)) {
      issue('until', 'until must be after startsAt');
      return;
    }
    checkHasOccurrence(w, issue);
  }, ONLY_WHEN_VALID);

/**
 * TimeWindowSchema validates a maintenance or silence window, told apart by `kind`: `once`, `rrule` or
 * `cron`. Recurring windows must produce at least one occurrence, found within a bounded search.
 */
export const TimeWindowSchema = z.discriminatedUnion(
  'kind',
  [OnceWindowSchema, RRuleWindowSchema, CronWindowSchema],
  {
    error: "kind must be 'once', 'rrule' or 'cron'",
  },
);

function checkHasOccurrence(
  w: RRuleWindow | CronWindow,
  issue: (path: string, message: string) => void,
): void {
  const field = w.kind === 'cron' ? 'cron' : 'rrule';
  try {
    const compiled = CompiledTimeWindow.compile(w);
    const first = compiled.firstOccurrence();
    if (first === null && w.until !== undefined && compiled.firstOccurrence(false) !== null) {
      issue('until', `until is before the first occurrence of the ${field}`);
    } else if (first === null) {
      issue(
        field,
        `${field} never produces an occurrence${w.kind === 'rrule' ? ' at or after dtstart' : ''}`,
      );
    }
  } catch (err) {
    if (err instanceof TimeWindowError) issue(err.field, err.message);
    else if (err instanceof RecurrenceBudgetError) {
      issue(
        field,
        `${field} has no occurrence within a bounded search from its start; it never or only very rarely occurs`,
      );
    } else throw err;
  }
}

/** TimeWindow is a validated maintenance or silence window; see TimeWindowSchema. */
export type TimeWindow = z.output<typeof TimeWindowSchema>;

/** OnceWindow is a single range from startsAt to endsAt. */
export type OnceWindow = z.output<typeof OnceWindowSchema>;

/** RRuleWindow starts at each occurrence of an RFC 5545 RRULE in its time zone. */
export type RRuleWindow = z.output<typeof RRuleWindowSchema>;

/** CronWindow starts at each tick of a 5-field cron expression in its time zone. */
export type CronWindow = z.output<typeof CronWindowSchema>;
