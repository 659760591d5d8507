import type { AlertGroup, GroupAlert } from './alertApiShapes';
import { severityRank } from './severityRank';

/** GroupSummary is what a row of the alerts list says about a group. */
export interface GroupSummary {
  /** title is the summary annotation of its first firing alert, else its alertname, else its id. */
  title: string;
  severity: string | null;
  /** firingSince is when its earliest still-firing alert started, or null when nothing fires or it is not known. */
  firingSince: string | null;
  /** firingCount is how many of its alerts fire, null while the group's alerts are not loaded. */
  firingCount: number | null;
}

/**
 * groupSummary describes a group from its own labels and, once loaded, its alerts. Without the alerts a group's
 * first incident is taken to have fired since the group was created; a later incident's start is not known.
 */
export function groupSummary(group: AlertGroup, alerts?: readonly GroupAlert[]): GroupSummary {
  const firing = (alerts ?? []).filter((a) => a.status === 'firing');
  const pool = firing.length > 0 ? firing : (alerts ?? []);
  const summary = pool.map((a) => a.annotations.summary?.trim()).find((s) => s !== undefined && s !== '');
  const alertname =
    group.labels.alertname ?? pool.map((a) => a.labels.alertname).find((n) => n !== undefined);
  const title = summary ?? alertname ?? group.labels.slo ?? `Alert group ${group.id}`;

  const severities = pool.map((a) => a.labels.severity).filter((s): s is string => s !== undefined);
  const severity =
    group.labels.severity ?? [...severities].sort((a, b) => severityRank(a) - severityRank(b))[0] ?? null;

  let firingSince: string | null = null;
  if (group.state !== 'resolved') {
    if (alerts !== undefined) {
      const starts = firing.map((a) => Date.parse(a.startsAt)).filter((t) => !Number.isNaN(t));
      firingSince = starts.length > 0 ? new Date(Math.min(...starts)).toISOString() : null;
    } else if (group.incident <= 1) {
      firingSince = group.createdAt;
    }
  }
  return { title, severity, firingSince, firingCount: alerts === undefined ? null : firing.length };
}
