import type { AlertGroup } from './alertApiShapes';
import { groupDisplayState, type GroupDisplayState } from './groupDisplayState';
import { severityRank } from './severityRank';

// Firing and unacknowledged first: that is what the on-call engineer must act on now.
const URGENCY: Record<GroupDisplayState, number> = {
  firing: 0,
  acknowledged: 1,
  pending: 2,
  muted: 2,
  resolved: 3,
};

/**
 * sortAlertGroups orders groups for the on-call list: firing and unacknowledged, then acknowledged, then pending or
 * muted, then resolved. Open groups go by severity, then oldest first (the longest-burning on top); resolved ones
 * newest resolved first. Ties go by id, so rows do not move between refreshes.
 */
export function sortAlertGroups(
  groups: readonly AlertGroup[],
  severityOf: (group: AlertGroup) => string | null = (g) => g.labels.severity ?? null,
): AlertGroup[] {
  const time = (iso: string | null) => (iso === null ? 0 : Date.parse(iso) || 0);
  return [...groups].sort((a, b) => {
    const ua = URGENCY[groupDisplayState(a)];
    const ub = URGENCY[groupDisplayState(b)];
    if (ua !== ub) return ua - ub;
    if (ua === URGENCY.resolved)
      return time(b.resolvedAt ?? b.updatedAt) - time(a.resolvedAt ?? a.updatedAt) || b.id - a.id;
    return (
      severityRank(severityOf(a)) - severityRank(severityOf(b)) ||
      time(a.createdAt) - time(b.createdAt) ||
      a.id - b.id
    );
  });
}
