import type { SlaSnapshot, Tenant } from '@sightline/contracts';
import type { BoardSort, BoardView } from './boardView';
import { rateLimitedShare } from './rateLimitedShare';
import type { BoardStatus } from './status';
import { BOARD_STATUSES } from './status';

/** BoardTile is one tenant as the board lays it out: its snapshot for the window and its colour. */
export interface BoardTile {
  tenant: Tenant;
  snapshot: SlaSnapshot | undefined;
  stale: boolean;
  status: BoardStatus;
}

// Each key orders worst first; a tile without the number sorts after every tile with it.
const KEYS: Record<Exclude<BoardSort, 'name'>, (t: BoardTile) => number | null> = {
  status: (t) => BOARD_STATUSES.indexOf(t.status),
  availability: (t) => t.snapshot?.availability ?? null,
  budget: (t) => t.snapshot?.errorBudgetRemaining ?? null,
  p99: (t) => {
    const p99 = t.snapshot?.latencyMs.p99;
    return p99 === null || p99 === undefined ? null : -p99;
  },
  ratelimited: (t) => {
    const share = rateLimitedShare(t.snapshot);
    return share === null ? null : -share;
  },
};

function byName(a: BoardTile, b: BoardTile): number {
  return a.tenant.name.localeCompare(b.tenant.name, 'en') || a.tenant.id.localeCompare(b.tenant.id, 'en');
}

/**
 * arrangeTiles keeps the tiles the view's tier and status filters let through and orders them by the view's sort;
 * ties, and tiles without the sorted number, fall back to name order so the board never shuffles between updates.
 */
export function arrangeTiles(tiles: readonly BoardTile[], view: BoardView): BoardTile[] {
  const shown = tiles.filter(
    (t) =>
      (view.tiers.length === 0 || view.tiers.includes(t.tenant.tier)) &&
      (view.statuses.length === 0 || view.statuses.includes(t.status)),
  );
  if (view.sort === 'name') return shown.sort(byName);
  const key = KEYS[view.sort];
  return shown.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? byName(a, b) : ka === null ? 1 : -1;
    return ka - kb || byName(a, b);
  });
}
