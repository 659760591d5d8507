import { createHash } from 'node:crypto';
import type { ResolvedRoute } from './RoutingTree';

/**
 * groupLabelsFor picks the labels an alert is grouped by on a route ('...' groups by all of them). The tenant label is
 * always one of them: a group is acknowledged and read by its tenant, so two tenants' alerts never share one.
 */
export function groupLabelsFor(route: ResolvedRoute, labels: Record<string, string>): Record<string, string> {
  if (route.groupBy.includes('...')) return { ...labels };
  const out: Record<string, string> = {};
  for (const name of [...route.groupBy, 'tenant']) {
    const v = labels[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** groupKeyFor is the group's identity: the route's position in the tree plus its group label values. */
export function groupKeyFor(route: ResolvedRoute, groupLabels: Record<string, string>): string {
  const sorted = Object.keys(groupLabels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(groupLabels[k])}`);
  return `${route.path.join('/')}:{${sorted.join(',')}}`;
}

/** dedupKeyFor derives the group's stable PagerDuty dedup_key from its group key. */
export function dedupKeyFor(groupKey: string): string {
  return `sightline-${createHash('sha256').update(groupKey).digest('hex').slice(0, 40)}`;
}
