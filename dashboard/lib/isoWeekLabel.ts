const DAY_MS = 86_400_000;

/** isoWeekLabel is the ISO 8601 week of a UTC calendar day ("2026-W47"); early January may belong to last year. */
export function isoWeekLabel(dayMs: number): string {
  const day = new Date(dayMs);
  // The Thursday of the same week decides the week's year.
  const thursday =
    Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) +
    (3 - ((day.getUTCDay() + 6) % 7)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
