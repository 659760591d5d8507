import type { SlaWindow, Tier } from '@sightline/contracts';
import type { BoardStatus } from './status';
import { BOARD_STATUSES } from './status';
import { DEFAULT_SLA_WINDOW, SLA_WINDOWS } from './slaWindows';

/** BoardSort is an order the board can list its tiles in. */
export type BoardSort = 'name' | 'status' | 'availability' | 'budget' | 'p99' | 'ratelimited';

/** BOARD_SORTS are the board's orders with their labels, in the order the control offers them. */
export const BOARD_SORTS: readonly { id: BoardSort; label: string }[] = [
  { id: 'name', label: 'Name' },
  { id: 'status', label: 'Status, worst first' },
  { id: 'availability', label: 'Availability, lowest first' },
  { id: 'budget', label: 'Budget left, least first' },
  { id: 'p99', label: 'p99 latency, slowest first' },
  { id: 'ratelimited', label: 'Rate-limited share, highest first' },
];

/** TIERS mirrors Tier in @sightline/contracts (a value import would bundle zod). */
export const TIERS: readonly Tier[] = ['free', 'pro', 'enterprise'];

/** BoardView is what the board shows: window, order and filters; an empty filter list means "all". */
export interface BoardView {
  window: SlaWindow;
  sort: BoardSort;
  tiers: readonly Tier[];
  statuses: readonly BoardStatus[];
}

/** DEFAULT_BOARD_VIEW is the board with nothing chosen: every tenant by name over the default window. */
export const DEFAULT_BOARD_VIEW: BoardView = {
  window: DEFAULT_SLA_WINDOW,
  sort: 'name',
  tiers: [],
  statuses: [],
};

function listParam<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  const wanted = new Set((raw ?? '').split(',').map((v) => v.trim()));
  // Kept in the allowed order, so two URLs naming the same set give the same view and the same link.
  return allowed.filter((v) => wanted.has(v));
}

/** boardViewFromParams reads the view from URL search params; unknown values fall back to the default. */
export function boardViewFromParams(params: { get(name: string): string | null }): BoardView {
  const window = params.get('window');
  const sort = params.get('sort');
  return {
    window: SLA_WINDOWS.find((w) => w === window) ?? DEFAULT_BOARD_VIEW.window,
    sort: BOARD_SORTS.find((s) => s.id === sort)?.id ?? DEFAULT_BOARD_VIEW.sort,
    tiers: listParam(params.get('tier'), TIERS),
    statuses: listParam(params.get('status'), BOARD_STATUSES),
  };
}

/** boardViewToParams writes the view as URL search params, leaving out whatever is the default. */
export function boardViewToParams(view: BoardView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.window !== DEFAULT_BOARD_VIEW.window) params.set('window', view.window);
  if (view.sort !== DEFAULT_BOARD_VIEW.sort) params.set('sort', view.sort);
  const tiers = TIERS.filter((t) => view.tiers.includes(t));
  if (tiers.length > 0) params.set('tier', tiers.join(','));
  const statuses = BOARD_STATUSES.filter((s) => view.statuses.includes(s));
  if (statuses.length > 0) params.set('status', statuses.join(','));
  return params;
}

/** boardHref is the board's URL for a view, so the view can be shared as a link. */
export function boardHref(view: BoardView): string {
  // A comma is fine in a query string; left unescaped, a shared link reads as `?tier=pro,enterprise`.
  const search = boardViewToParams(view).toString().replaceAll('%2C', ',');
  return search === '' ? '/' : `/?${search}`;
}
