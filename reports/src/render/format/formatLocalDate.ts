import { DateTime } from 'luxon';

/** formatLocalDate writes a local calendar date "YYYY-MM-DD" as e.g. "Mon 19 Oct" (or any luxon pattern). */
export function formatLocalDate(date: string, pattern = 'ccc d LLL'): string {
  const day = DateTime.fromISO(date, { zone: 'UTC', locale: 'en-GB' });
  return day.isValid ? day.toFormat(pattern) : date;
}
