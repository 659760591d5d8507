import { localInputToIso } from './logQuery';
import type { MatchType, SilenceMatcher, SilenceRequest } from './silenceApiShapes';
import { problemPath } from './problemField';

/** MatcherRow is one matcher row of the silence form, as typed. */
export interface MatcherRow {
  name: string;
  type: MatchType;
  value: string;
}

/** SilenceFormValues are the silence form's fields, as typed (times in the viewer's local time). */
export interface SilenceFormValues {
  /** once is a one-off silence; weekly is a maintenance window every week. */
  mode: 'once' | 'weekly';
  tenant: string;
  service: string;
  matchers: MatcherRow[];
  /** startsAt and endsAt are datetime-local values (once). */
  startsAt: string;
  endsAt: string;
  /** weekday is the cron day of week, '0' (Sunday) to '6' (Saturday) (weekly). */
  weekday: string;
  /** startTime is the local start time, HH:MM (weekly). */
  startTime: string;
  durationMinutes: string;
  timeZone: string;
  comment: string;
}

/** SilenceField names a field of the silence form, so a problem can be shown next to it. */
export type SilenceField =
  | 'tenant'
  | 'service'
  | 'matchers'
  | 'startsAt'
  | 'endsAt'
  | 'weekday'
  | 'startTime'
  | 'durationMinutes'
  | 'timeZone'
  | 'comment';

/** BuildSilenceResult is the request body, or the first field that cannot be turned into one and why. */
export type BuildSilenceResult =
  { ok: true; body: SilenceRequest } | { ok: false; field: SilenceField; message: string };

/** WEEKDAYS are the cron days of week, Sunday first, with their names. */
export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/**
 * buildSilenceRequest turns the form into a POST /v1/silences body: local times become ISO instants, a weekly window
 * becomes a cron line in the chosen time zone, blank rows and fields are left out. It only refuses what it cannot
 * translate; the api checks the rest (end after start, at least one matcher, valid regexes) and says why.
 */
export function buildSilenceRequest(values: SilenceFormValues): BuildSilenceResult {
  const fail = (field: SilenceField, message: string): BuildSilenceResult => ({ ok: false, field, message });
  const matchers: SilenceMatcher[] = [];
  for (const row of values.matchers) {
    const name = row.name.trim();
    if (name === '' && row.value === '') continue;
    if (name === '') return fail('matchers', `a matcher with the value "${row.value}" needs a label name`);
    matchers.push({ name, type: row.type, value: row.value });
  }
  const comment = values.comment.trim();
  if (comment === '') return fail('comment', 'say why you silence these alerts');
  const tenant = values.tenant.trim();
  const service = values.service.trim();
  const common = {
    ...(tenant === '' ? {} : { tenant }),
    ...(service === '' ? {} : { service }),
    matchers,
    comment,
  };
  if (values.mode === 'once') {
    const startsAt = localInputToIso(values.startsAt);
    if (startsAt === undefined) return fail('startsAt', 'give the start as a date and time');
    const endsAt = localInputToIso(values.endsAt);
    if (endsAt === undefined) return fail('endsAt', 'give the end as a date and time');
    return { ok: true, body: { kind: 'silence', ...common, window: { kind: 'once', startsAt, endsAt } } };
  }
  if (!/^[0-6]$/.test(values.weekday)) return fail('weekday', 'choose a day of the week');
  const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(values.startTime.trim());
  if (time === null) return fail('startTime', 'give the start time as HH:MM (24 h)');
  const duration = values.durationMinutes.trim();
  if (!/^\d{1,5}$/.test(duration)) return fail('durationMinutes', 'give the length in whole minutes');
  const timeZone = values.timeZone.trim();
  if (timeZone === '') return fail('timeZone', 'choose a time zone');
  return {
    ok: true,
    body: {
      kind: 'maintenance',
      ...common,
      window: {
        kind: 'cron',
        cron: `${Number(time[2])} ${Number(time[1])} * * ${values.weekday}`,
        durationMinutes: Number(duration),
        timeZone,
      },
    },
  };
}

const FIELD_OF_PATH: Record<string, SilenceField> = {
  tenant: 'tenant',
  service: 'service',
  matchers: 'matchers',
  comment: 'comment',
  'window.startsAt': 'startsAt',
  'window.endsAt': 'endsAt',
  'window.cron': 'weekday',
  'window.durationMinutes': 'durationMinutes',
  'window.timeZone': 'timeZone',
};

/**
 * silenceProblemField finds the form field an api 400 is about from its detail ("window.endsAt: endsAt must be
 * after startsAt", "matchers.0.value: …"), or null when the detail names none the form has.
 */
export function silenceProblemField(detail: string): SilenceField | null {
  const path = problemPath(detail);
  if (path === null) return null;
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const field = FIELD_OF_PATH[parts.slice(0, n).join('.')];
    if (field !== undefined) return field;
  }
  return null;
}
