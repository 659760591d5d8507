import { BadRequestError } from '@sightline/http';

// A zone is required: an instant without one means something different on every host.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * parseIsoInstant reads an ISO 8601 timestamp with a zone (`Z` or `±hh:mm`) strictly: unlike Date.parse it
 * refuses days a month does not have, hour 24 and leap seconds, and it refuses a missing zone; a bad value is a 400.
 */
export function parseIsoInstant(value: string | undefined, name: string): Date {
  if (value === undefined)
    throw new BadRequestError(`${name} is required: an ISO 8601 timestamp with a zone`);
  const m = value.length <= 40 ? ISO_INSTANT.exec(value) : null;
  const bad = (): never => {
    throw new BadRequestError(`${name} must be an ISO 8601 timestamp with a zone, e.g. 2024-05-01T12:00:00Z`);
  };
  if (!m) return bad();
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = Number(m[6] ?? 0);
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetHours = Number(m[9] ?? 0);
  const offsetMinutes = Number(m[10] ?? 0);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return bad();
  if (offsetHours > 23 || offsetMinutes > 59) return bad();
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return bad();
  const sign = m[8]!.startsWith('-') ? -1 : 1;
  const offsetMs = m[8] === 'Z' ? 0 : sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  const utc = new Date(0);
  // setUTCFullYear keeps years 0-99 literal, where Date.UTC would read them as 1900-1999.
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, millis);
  return new Date(utc.getTime() - offsetMs);
}
