import { DateTime } from 'luxon';

/**
 * formatLocalTime writes a UTC instant in the tenant's time zone with the zone's abbreviation, e.g.
 * "Sun 25 Oct 02:30 CET". en-GB gives European zones their abbreviations (CET/CEST) rather than "GMT+1",
 * and the abbreviation tells the two 02:30s of a fall-back night apart.
 */
export function formatLocalTime(iso: string, timeZone: string, pattern = 'ccc d LLL HH:mm ZZZZ'): string {
  const local = DateTime.fromISO(iso, { zone: timeZone, locale: 'en-GB' });
  return local.isValid ? local.toFormat(pattern) : iso;
}
