import type { SlaSnapshot } from '@sightline/contracts';

/** TileStatus is how healthy a tenant looks over the selected window. */
export type TileStatus = 'ok' | 'warning' | 'breach' | 'nodata';

/** STATUS_LABEL is the text shown beside each status, so the state never relies on colour alone. */
export const STATUS_LABEL: Record<TileStatus, string> = {
  ok: 'OK',
  warning: 'Warning',
  breach: 'Breach',
  nodata: 'No data',
};

/** BoardStatus is the colour a tile shows: its status, or grey when its data is stale. */
export type BoardStatus = TileStatus | 'stale';

/** BOARD_STATUSES are the colours the board filters on, worst first (the "status" order). */
export const BOARD_STATUSES: readonly BoardStatus[] = ['breach', 'warning', 'stale', 'nodata', 'ok'];

/** BOARD_STATUS_LABEL names each board status in words. */
export const BOARD_STATUS_LABEL: Record<BoardStatus, string> = { ...STATUS_LABEL, stale: 'Stale' };

/** STALE_AFTER_MS is how old a tile's last update may get before the tile is greyed out. */
export const STALE_AFTER_MS = 15_000;

/** tileStatus grades a snapshot: breach when over budget or under objective, warning at 50 % budget or less. */
export function tileStatus(snapshot: SlaSnapshot | undefined): TileStatus {
  if (snapshot === undefined || snapshot.availability === null) return 'nodata';
  const budget = snapshot.errorBudgetRemaining;
  if (snapshot.availability < snapshot.objective || (budget !== null && budget < 0)) return 'breach';
  if (budget !== null && budget <= 0.5) return 'warning';
  return 'ok';
}

/** boardStatus is the colour of a tile: grey (stale) once its data is old, whatever the data said. */
export function boardStatus(snapshot: SlaSnapshot | undefined, stale: boolean): BoardStatus {
  return stale ? 'stale' : tileStatus(snapshot);
}

/** isStale says whether an update received at `receivedAt` (epoch ms) is older than the stale limit at `now`. */
export function isStale(receivedAt: number | undefined, now: number, staleAfterMs = STALE_AFTER_MS): boolean {
  return receivedAt !== undefined && now - receivedAt > staleAfterMs;
}
