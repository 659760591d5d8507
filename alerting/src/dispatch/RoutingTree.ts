import type { LabelMatcher } from './matchers/LabelMatcher';
import { matchesAll } from './matchers/matchesAll';

/** ROOT_DEFAULTS are the root route's timers and grouping when the stored root leaves them unset (Alertmanager's). */
export const ROOT_DEFAULTS = {
  groupBy: ['alertname', 'tenant', 'slo', 'severity'],
  groupWaitSeconds: 30,
  groupIntervalSeconds: 300,
  repeatIntervalSeconds: 4 * 3600,
} as const;

/** RouteRow is one stored route. */
export interface RouteRow {
  id: string;
  parentId: string | null;
  position: number;
  name: string;
  matchers: LabelMatcher[];
  continue: boolean;
  groupBy: string[] | null;
  groupWaitSeconds: number | null;
  groupIntervalSeconds: number | null;
  repeatIntervalSeconds: number | null;
  policyId: string | null;
}

/** ResolvedRoute is a matching route with everything it inherits filled in. */
export interface ResolvedRoute {
  id: string;
  /** path is the route ids from the root, which keeps group keys unique per tree position. */
  path: string[];
  groupBy: string[];
  groupWaitSeconds: number;
  groupIntervalSeconds: number;
  repeatIntervalSeconds: number;
  policyId: string | null;
}

interface Node {
  row: RouteRow;
  resolved: ResolvedRoute;
  children: Node[];
}

/** RoutingTreeError says why stored routes do not form a tree. */
export class RoutingTreeError extends Error {
  override name = 'RoutingTreeError';
}

/**
 * RoutingTree walks alerts down the routes like Alertmanager: a node's children are tried in order, a matching
 * child ends the search among its siblings unless it has `continue`, and a node no child matches is the result.
 */
export class RoutingTree {
  private constructor(private readonly root: Node) {}

  /** fromRows builds the tree; exactly one route has no parent and every other parent exists. */
  static fromRows(rows: readonly RouteRow[]): RoutingTree {
    const roots = rows.filter((r) => r.parentId === null);
    if (roots.length !== 1) throw new RoutingTreeError(`expected one root route, found ${roots.length}`);
    const byParent = new Map<string, RouteRow[]>();
    for (const r of rows) {
      if (r.parentId === null) continue;
      const list = byParent.get(r.parentId) ?? [];
      list.push(r);
      byParent.set(r.parentId, list);
    }
    const build = (row: RouteRow, parent: ResolvedRoute | null, depth: number): Node => {
      if (depth > 32) throw new RoutingTreeError('routes nest deeper than 32 levels');
      const base = parent ?? {
        ...ROOT_DEFAULTS,
        groupBy: [...ROOT_DEFAULTS.groupBy],
        policyId: null,
        path: [],
      };
      const resolved: ResolvedRoute = {
        id: row.id,
        path: [...base.path, row.id],
        groupBy: row.groupBy ?? base.groupBy,
        groupWaitSeconds: row.groupWaitSeconds ?? base.groupWaitSeconds,
        groupIntervalSeconds: row.groupIntervalSeconds ?? base.groupIntervalSeconds,
        repeatIntervalSeconds: row.repeatIntervalSeconds ?? base.repeatIntervalSeconds,
        policyId: row.policyId ?? base.policyId,
      };
      const children = (byParent.get(row.id) ?? [])
        .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))
        .map((c) => build(c, resolved, depth + 1));
      return { row, resolved, children };
    };
    return new RoutingTree(build(roots[0]!, null, 0));
  }

  /** match returns every route the labels end at (more than one only through `continue`). */
  match(labels: Record<string, string>): ResolvedRoute[] {
    const out: ResolvedRoute[] = [];
    const visit = (node: Node): void => {
      let matchedChild = false;
      for (const child of node.children) {
        if (!matchesAll(child.row.matchers, labels)) continue;
        matchedChild = true;
        visit(child);
        if (!child.row.continue) break;
      }
      if (!matchedChild) out.push(node.resolved);
    };
    visit(this.root);
    return out;
  }
}
