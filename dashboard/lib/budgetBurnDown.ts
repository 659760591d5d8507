import type { SloHistory } from './sloApiShapes';

/** BurnDownRow is one chart row: the error budget left in percent, null in a gap. */
export interface BurnDownRow {
  t: number;
  remaining: number | null;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
/** MAX_HISTORY_MS is the longest range the api serves budget history for (35 days). */
const MAX_HISTORY_MS = 35 * 86_400_000;

/** periodRange returns the ISO range an SLO period (e.g. `28d`) spans up to now, capped at 35 days. */
export function periodRange(period: string, now: Date): { from: string; to: string } {
  const m = /^(\d{1,4})([mhd])$/.exec(period);
  const length = m ? Number(m[1]) * UNIT_MS[m[2]!]! : 86_400_000;
  return {
    from: new Date(now.getTime() - Math.min(length, MAX_HISTORY_MS)).toISOString(),
    to: now.toISOString(),
  };
}

/**
 * budgetBurnDown turns an SLO's budget history into chart rows, oldest first, with a null row in every run of
 * missing snapshots (the engine was down or had no data) so the line breaks instead of inventing a slope.
 */
export function budgetBurnDown(history: SloHistory): BurnDownRow[] {
  const stepMs = history.stepSeconds * 1000;
  const points = [...history.points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const rows: BurnDownRow[] = [];
  let previous: number | undefined;
  for (const p of points) {
    const t = Date.parse(p.at);
    // Snapshots land anywhere inside their step, so only more than two steps apart is a gap.
    if (previous !== undefined && t - previous > 2 * stepMs)
      rows.push({ t: previous + stepMs, remaining: null });
    rows.push({ t, remaining: p.errorBudgetRemaining === null ? null : p.errorBudgetRemaining * 100 });
    previous = t;
  }
  return rows;
}
