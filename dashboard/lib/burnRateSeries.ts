import type { SlaHistory } from './sloApiShapes';

/** BurnPoint is the burn rate of one step: errors per request against the budget's rate; null is a gap. */
export interface BurnPoint {
  t: number;
  rate: number | null;
}

/**
 * burnRateSeries turns an SLA history into a burn rate per step: the step's error ratio (5xx over requests other
 * than 429) divided by the budget's ratio (1 − objective), so 1 spends the budget exactly over the SLO period. A
 * step of nothing but 429s has no rate; steps missing from the history stay missing.
 */
export function burnRateSeries(history: SlaHistory): BurnPoint[] {
  const budget = 1 - history.objective;
  return history.points.map((p) => {
    const counted = p.requests - p.rateLimited;
    const rate = counted > 0 && budget > 0 ? p.errors / counted / budget : null;
    return { t: Date.parse(p.t), rate };
  });
}
