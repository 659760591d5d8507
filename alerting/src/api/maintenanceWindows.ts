import type pg from 'pg';
import type { TimeWindow } from '../silence/time/TimeWindow';
import { occurrencesBetween } from './occurrencesBetween';
import type { ReportingQuery } from './parseReportingQuery';

/** MAX_MAINTENANCE_WINDOWS bounds one answer; a minutely cron over a year would otherwise list half a million. */
export const MAX_MAINTENANCE_WINDOWS = 10_000;

/** MaintenanceWindow is one concrete occurrence of a tenant's silence or maintenance window, clipped to the range. */
export interface MaintenanceWindow {
  silenceId: string;
  kind: 'silence' | 'maintenance';
  comment: string;
  createdBy: string;
  startsAt: string;
  endsAt: string;
  /** recurring is true for an RRULE or cron window, false for a one-off range. */
  recurring: boolean;
}

/**
 * maintenanceWindows lists every occurrence of the tenant's silences and maintenance windows (its own by tenant, or
 * by a `tenant="…"` matcher) that overlaps [from, to), clipped to it and cut at the time one was ended early, by
 * start; `truncated` says MAX_MAINTENANCE_WINDOWS were reached. A recurring window lists no occurrence that ended
 * before it was created, since those muted nothing; a one-off window is listed as entered, so an operator can record
 * a maintenance after the fact.
 */
export async function maintenanceWindows(
  pool: pg.Pool,
  q: ReportingQuery,
): Promise<{ windows: MaintenanceWindow[]; truncated: boolean }> {
  const { rows } = await pool.query<{
    id: string;
    kind: 'silence' | 'maintenance';
    time_window: TimeWindow;
    comment: string;
    created_by: string;
    expired_at: Date | null;
    created_at: Date;
  }>(
    `SELECT id, kind, time_window, comment, created_by, expired_at, created_at FROM alerting.silences
     WHERE (tenant_id = $1 OR matchers @> $2::jsonb) AND (expired_at IS NULL OR expired_at > $3)`,
    [q.tenant, JSON.stringify([{ name: 'tenant', type: '=', value: q.tenant }]), q.from],
  );
  const out: MaintenanceWindow[] = [];
  for (const s of rows) {
    const until = s.expired_at && s.expired_at < q.to ? s.expired_at : q.to;
    const recurring = s.time_window.kind !== 'once';
    for (const o of occurrencesBetween(s.time_window, q.from, until, MAX_MAINTENANCE_WINDOWS + 1)) {
      if (recurring && o.end <= s.created_at) continue;
      out.push({
        silenceId: s.id,
        kind: s.kind,
        comment: s.comment,
        createdBy: s.created_by,
        startsAt: o.start.toISOString(),
        endsAt: o.end.toISOString(),
        recurring,
      });
    }
  }
  out.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.silenceId.localeCompare(b.silenceId));
  return { windows: out.slice(0, MAX_MAINTENANCE_WINDOWS), truncated: out.length > MAX_MAINTENANCE_WINDOWS };
}
