import { isoWeekLabel } from './isoWeekLabel';

/** ReportWeekOption is one ISO week a report may be asked for. */
export interface ReportWeekOption {
  /** label is the ISO week as the api takes it, e.g. "2026-W47". */
  label: string;
  /** monday is the week's first day, as YYYY-MM-DD. */
  monday: string;
  /** sunday is the week's last day, as YYYY-MM-DD. */
  sunday: string;
}

const DAY_MS = 86_400_000;
// A week has ended in every time zone once Monday 00:00 has passed at UTC−12, i.e. Monday 12:00 UTC.
const LAST_ZONE_LAG_MS = 12 * 3_600_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * recentReportWeeks lists the last `count` ISO weeks that are complete in every time zone, newest first, so any
 * tenant's report may be asked for without the api refusing a week that has not ended in the tenant's zone yet.
 */
export function recentReportWeeks(now: number, count = 12): ReportWeekOption[] {
  const shifted = new Date(now - LAST_ZONE_LAG_MS);
  const today = Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate());
  const thisMonday = today - ((shifted.getUTCDay() + 6) % 7) * DAY_MS;
  return Array.from({ length: count }, (_, i) => {
    const monday = thisMonday - (i + 1) * 7 * DAY_MS;
    return { label: isoWeekLabel(monday), monday: isoDate(monday), sunday: isoDate(monday + 6 * DAY_MS) };
  });
}
