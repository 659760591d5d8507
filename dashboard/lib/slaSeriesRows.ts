import type { SlaHistory } from './sloApiShapes';

/** SLA_STEP_MS gives each sla/history step's length in milliseconds. */
export const SLA_STEP_MS: Record<string, number> = {
  '10s': 10_000,
  '1m': 60_000,
  '5m': 300_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

/** SlaSeriesRow is one chart row: availability in percent and latencies in ms, all null in a gap. */
export interface SlaSeriesRow {
  t: number;
  availability: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** gap marks a row put in for missing steps. */
  gap: boolean;
}

/** SlaSeries is chart-ready SLA history. */
export interface SlaSeries {
  rows: SlaSeriesRow[];
  /** stepsWithData counts the steps the api listed; gaps counts the runs of missing steps between them. */
  stepsWithData: number;
  gaps: number;
  /** availabilityDomain is the y range in percent: down to the lowest value or the objective, up to 100. */
  availabilityDomain: [number, number];
  objectivePercent: number;
}

/**
 * slaSeriesRows turns sla/history into chart rows. The api lists only steps with traffic; an all-null row
 * is put into every run of missing steps so the lines break there instead of bridging the silence.
 */
export function slaSeriesRows(history: SlaHistory): SlaSeries {
  const stepMs = SLA_STEP_MS[history.step] ?? 60_000;
  const points = [...history.points].sort((a, b) => Date.parse(a.t) - Date.parse(b.t));
  const rows: SlaSeriesRow[] = [];
  let gaps = 0;
  let previous: number | undefined;
  for (const p of points) {
    const t = Date.parse(p.t);
    if (previous !== undefined && t - previous > stepMs) {
      rows.push({ t: previous + stepMs, availability: null, p50: null, p95: null, p99: null, gap: true });
      gaps++;
    }
    rows.push({
      t,
      availability: p.availability === null ? null : p.availability * 100,
      p50: p.latencyMs.p50,
      p95: p.latencyMs.p95,
      p99: p.latencyMs.p99,
      gap: false,
    });
    previous = t;
  }
  const objectivePercent = history.objective * 100;
  const lowest = Math.min(
    objectivePercent,
    ...rows.map((r) => r.availability).filter((a): a is number => a !== null),
  );
  // A little headroom below the lowest value, on a round number, so the objective line is never on the edge.
  const floor = Math.max(0, Math.floor((lowest - (100 - lowest) * 0.2) * 100) / 100);
  return {
    rows,
    stepsWithData: points.length,
    gaps,
    availabilityDomain: [floor, 100],
    objectivePercent,
  };
}
