/**
 * formatReportWeek shows a report week as its local Monday and Sunday ("16 Nov – 22 Nov") in the tenant's time zone,
 * where the week runs Monday 00:00 to Monday 00:00; an unknown zone falls back to UTC.
 */
export function formatReportWeek(weekStart: string, weekEnd: string, timeZone = 'UTC'): string {
  const start = Date.parse(weekStart);
  const end = Date.parse(weekEnd);
  if (Number.isNaN(start) || Number.isNaN(end)) return '—';
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone });
  } catch {
    format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  }
  // The week ends at the next Monday 00:00, so its last local day is the one just before that instant.
  return `${format.format(new Date(start))} – ${format.format(new Date(end - 1))}`;
}
