import { formatDateTime } from './format';
import { formatDuration } from './formatDuration';
import type { Silence, SilenceStatus } from './silenceApiShapes';
import { WEEKDAYS } from './buildSilenceRequest';

/** SILENCE_STATUS_LABEL is the word shown for each silence status. */
export const SILENCE_STATUS_LABEL: Record<SilenceStatus, string> = {
  active: 'Active',
  pending: 'Scheduled',
  expired: 'Expired',
};

/** describeMatchers lists what a silence mutes in Prometheus notation, the tenant and service shorthands first. */
export function describeMatchers(silence: Pick<Silence, 'tenant' | 'service' | 'matchers'>): string[] {
  const quote = (v: string) => JSON.stringify(v);
  return [
    ...(silence.tenant !== null ? [`tenant=${quote(silence.tenant)}`] : []),
    ...(typeof silence.service === 'string' ? [`service=${quote(silence.service)}`] : []),
    ...silence.matchers.map((m) => `${m.name}${m.type}${quote(m.value)}`),
  ];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '?');

/**
 * describeWindow says when a silence applies: a one-off range in the viewer's time, or a recurring window with its
 * length and time zone; a weekly cron line is spelled out ("Saturdays at 02:00").
 */
export function describeWindow(window: Record<string, unknown>): string {
  const minutes = typeof window.durationMinutes === 'number' ? window.durationMinutes : null;
  const lasting = minutes === null ? '' : ` for ${formatDuration(minutes * 60_000)}`;
  const zone = typeof window.timeZone === 'string' ? ` (${window.timeZone})` : '';
  switch (window.kind) {
    case 'once':
      return `from ${formatDateTime(str(window.startsAt))} to ${formatDateTime(str(window.endsAt))}`;
    case 'cron': {
      const cron = str(window.cron);
      const weekly = /^(\d{1,2}) (\d{1,2}) \* \* ([0-7])$/.exec(cron.trim());
      if (weekly !== null) {
        const day = WEEKDAYS[Number(weekly[3]) % 7]!;
        const hhmm = `${weekly[2]!.padStart(2, '0')}:${weekly[1]!.padStart(2, '0')}`;
        return `${day}s at ${hhmm}${lasting}${zone}`;
      }
      return `cron ${cron}${lasting}${zone}`;
    }
    case 'rrule':
      return `${str(window.rrule)} from ${str(window.dtstart)}${lasting}${zone}`;
    default:
      return JSON.stringify(window);
  }
}

const ORDER: Record<SilenceStatus, number> = { active: 0, pending: 1, expired: 2 };

/** sortSilences lists active silences first, then scheduled ones by their next start, then expired, newest first. */
export function sortSilences(silences: readonly Silence[]): Silence[] {
  const t = (iso: string | null | undefined) => (iso ? Date.parse(iso) || 0 : 0);
  return [...silences].sort(
    (a, b) =>
      ORDER[a.status] - ORDER[b.status] ||
      (a.status === 'expired'
        ? t(b.expiredAt ?? b.createdAt) - t(a.expiredAt ?? a.createdAt)
        : t(a.currentOrNext?.start) - t(b.currentOrNext?.start)) ||
      a.id.localeCompare(b.id),
  );
}
