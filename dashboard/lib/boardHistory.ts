import type { SlaWindow } from '@sightline/contracts';

/** BoardHistoryRange is the stretch of SLA history a tile's sparkline covers, and the step it asks for. */
export interface BoardHistoryRange {
  ms: number;
  step: '10s' | '1m' | '1h' | '1d';
  stepMs: number;
}

/**
 * BOARD_HISTORY gives, per board window, the history its sparklines draw: the window itself, in 24 to 60 steps, so a
 * sparkline a few dozen pixels wide stays readable and one request per tile stays small.
 */
export const BOARD_HISTORY: Record<SlaWindow, BoardHistoryRange> = {
  '5m': { ms: 300_000, step: '10s', stepMs: 10_000 },
  '1h': { ms: 3_600_000, step: '1m', stepMs: 60_000 },
  '1d': { ms: 86_400_000, step: '1h', stepMs: 3_600_000 },
  '30d': { ms: 30 * 86_400_000, step: '1d', stepMs: 86_400_000 },
};

/** BOARD_HISTORY_REFRESH_MS is how often the sparklines are loaded again; the tiles' numbers are live anyway. */
export const BOARD_HISTORY_REFRESH_MS = 15_000;

/** boardHistoryPath is the api path of one tenant's history for a window ending at `to` (epoch ms). */
export function boardHistoryPath(tenantId: string, window: SlaWindow, to: number): string {
  const range = BOARD_HISTORY[window];
  const params = new URLSearchParams({
    from: new Date(to - range.ms).toISOString(),
    to: new Date(to).toISOString(),
    step: range.step,
  });
  return `/v1/tenants/${encodeURIComponent(tenantId)}/sla/history?${params.toString()}`;
}
