import type pg from 'pg';
import type { ReportingQuery } from './parseReportingQuery';

/** ReportingIncident is one episode of an alert group, from its first page to its resolve, as reports read it. */
export interface ReportingIncident {
  groupId: number;
  /** incident is the group's episode number, the one its notifications carry. */
  incident: number;
  dedupKey: string;
  /** title is the group's alertname, followed by the summary of one of its alerts when there is one. */
  title: string;
  alertname: string | null;
  summary: string | null;
  severity: string | null;
  slo: string | null;
  startedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  /** resolvedBy is who resolved it by hand; null when its alerts stopped firing by themselves. */
  resolvedBy: string | null;
  /** paged says whether a PagerDuty trigger was queued for this incident. */
  paged: boolean;
}

// An episode opens when a flush first pages a group (the policy's first step is 'triggered'; a route without a
// usable policy records 'unrouted' instead, but the incident number goes up all the same) and ends at the next
// 'resolved'. Segments are numbered by the resolves before each event, so one window pass splits the timeline.
// The incident number is counted back from the group's current one, so it matches the notifications'.
const INCIDENTS_SQL = `
WITH g AS (
  SELECT id, dedup_key, incident, group_labels FROM alerting.alert_groups
  WHERE tenant_id = $1 AND created_at < $3 AND (updated_at >= $2 OR state <> 'resolved')
), ev AS (
  SELECT e.group_id, e.id, e.at, e.kind, e.actor,
    count(*) FILTER (WHERE e.kind = 'resolved') OVER (
      PARTITION BY e.group_id ORDER BY e.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS seg
  FROM alerting.group_events e JOIN g ON g.id = e.group_id
  WHERE e.kind IN ('triggered', 'unrouted', 'acknowledged', 'resolved')
), marked AS (
  SELECT ev.*, count(*) FILTER (WHERE kind IN ('triggered', 'unrouted')) OVER (
    PARTITION BY group_id, seg ORDER BY id) AS opened
  FROM ev
), episodes AS (
  SELECT group_id, seg,
    min(at) FILTER (WHERE kind IN ('triggered', 'unrouted') AND opened = 1) AS started_at,
    (array_agg(at ORDER BY id) FILTER (WHERE kind = 'acknowledged' AND opened >= 1))[1] AS acknowledged_at,
    (array_agg(actor ORDER BY id) FILTER (WHERE kind = 'acknowledged' AND opened >= 1))[1] AS acknowledged_by,
    min(at) FILTER (WHERE kind = 'resolved' AND opened >= 1) AS resolved_at,
    (array_agg(actor ORDER BY id) FILTER (WHERE kind = 'resolved' AND opened >= 1))[1] AS resolved_by,
    count(*) OVER (PARTITION BY group_id) - row_number() OVER (PARTITION BY group_id ORDER BY seg) AS later
  FROM marked
  GROUP BY group_id, seg
  HAVING count(*) FILTER (WHERE kind IN ('triggered', 'unrouted')) > 0
)
SELECT g.id AS group_id, (g.incident - ep.later)::int AS incident, g.dedup_key,
  g.group_labels->>'alertname' AS alertname, g.group_labels->>'severity' AS severity,
  g.group_labels->>'slo' AS slo, lead.summary, lead.alertname AS lead_alertname,
  ep.started_at, ep.acknowledged_at, ep.acknowledged_by, ep.resolved_at, ep.resolved_by,
  EXISTS (SELECT 1 FROM alerting.notifications n WHERE n.group_id = g.id AND n.incident = g.incident - ep.later
    AND n.integration = 'pagerduty' AND n.action = 'trigger') AS paged
FROM episodes ep JOIN g ON g.id = ep.group_id
LEFT JOIN LATERAL (
  SELECT a.annotations->>'summary' AS summary, a.labels->>'alertname' AS alertname
  FROM alerting.group_alerts ga JOIN alerting.alerts a ON a.fingerprint = ga.fingerprint
  WHERE ga.group_id = g.id ORDER BY (a.annotations ? 'summary') DESC, a.starts_at DESC, a.fingerprint LIMIT 1
) lead ON true
WHERE ep.started_at < $3 AND (ep.resolved_at IS NULL OR ep.resolved_at > $2)
ORDER BY ep.started_at, g.id, ep.later DESC`;

/**
 * reportingIncidents lists, in one statement, every incident of a tenant's alert groups that was open at some time in
 * [from, to), by start: when it paged, was first acknowledged and by whom, was resolved, and whether PagerDuty was paged.
 */
export async function reportingIncidents(pool: pg.Pool, q: ReportingQuery): Promise<ReportingIncident[]> {
  const { rows } = await pool.query<Record<string, unknown>>(INCIDENTS_SQL, [q.tenant, q.from, q.to]);
  const iso = (d: unknown): string | null => (d instanceof Date ? d.toISOString() : null);
  return rows.map((r) => {
    const alertname = (r.alertname as string | null) ?? (r.lead_alertname as string | null);
    const summary = r.summary as string | null;
    const name = alertname ?? 'alert group';
    return {
      groupId: Number(r.group_id),
      incident: r.incident as number,
      dedupKey: r.dedup_key as string,
      title: summary ? `${name}: ${summary}` : name,
      alertname,
      summary,
      severity: r.severity as string | null,
      slo: r.slo as string | null,
      startedAt: iso(r.started_at)!,
      acknowledgedAt: iso(r.acknowledged_at),
      acknowledgedBy: r.acknowledged_by as string | null,
      resolvedAt: iso(r.resolved_at),
      resolvedBy: r.resolved_by as string | null,
      paged: r.paged as boolean,
    };
  });
}
