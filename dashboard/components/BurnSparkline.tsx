import type { BurnPoint } from '../lib/burnRateSeries';
import { formatBurnRate } from '../lib/format';
import { sparklinePath } from '../lib/sparklinePath';

/** SPARKLINE_WIDTH and SPARKLINE_HEIGHT are the sparkline's fixed size in CSS pixels, so a tile never moves. */
export const SPARKLINE_WIDTH = 120;
/** SPARKLINE_HEIGHT is the sparkline's fixed height in CSS pixels. */
export const SPARKLINE_HEIGHT = 28;

/** BurnSparklineProps are the burn rate per step, the range it covers, its step, and the window's name. */
export interface BurnSparklineProps {
  /** points is undefined while the history loads. */
  points: readonly BurnPoint[] | undefined;
  /** failed says the history could not be loaded, so its absence is not read as "no traffic". */
  failed?: boolean;
  from: number;
  to: number;
  stepMs: number;
  windowLabel: string;
  testId: string;
}

/**
 * BurnSparkline draws a tenant's recent burn rate as a small inline SVG, with a dashed line at 1× (the rate that
 * spends the budget exactly over the SLO period). Its name says the latest and the peak rate in words, so the
 * picture is never the only way to read it.
 */
export function BurnSparkline({
  points,
  failed = false,
  from,
  to,
  stepMs,
  windowLabel,
  testId,
}: BurnSparklineProps) {
  const rates = (points ?? []).flatMap((p) => (p.rate === null ? [] : [p.rate]));
  const latest = [...(points ?? [])].reverse().find((p) => p.rate !== null)?.rate ?? null;
  const peak = rates.length === 0 ? null : Math.max(...rates);
  // Room above 1× keeps the reference line off the top edge; a spike past 10× is clipped rather than flattening all.
  const max = Math.min(10, Math.max(2, peak ?? 0));
  const label = failed
    ? `Burn rate over ${windowLabel}: unavailable`
    : points === undefined
      ? `Burn rate over ${windowLabel}: loading`
      : peak === null
        ? `Burn rate over ${windowLabel}: no traffic`
        : `Burn rate over ${windowLabel}: latest ${formatBurnRate(latest)}, peak ${formatBurnRate(peak)}`;
  const one = (SPARKLINE_HEIGHT - SPARKLINE_HEIGHT / max).toFixed(1);
  const d = sparklinePath(
    points ?? [],
    { width: SPARKLINE_WIDTH, height: SPARKLINE_HEIGHT, from, to, max },
    stepMs * 1.5,
  );
  return (
    <svg
      className="sparkline"
      data-testid={testId}
      data-points={rates.length}
      role="img"
      aria-label={label}
      width={SPARKLINE_WIDTH}
      height={SPARKLINE_HEIGHT}
      viewBox={`0 0 ${SPARKLINE_WIDTH} ${SPARKLINE_HEIGHT}`}
      preserveAspectRatio="none"
    >
      <title>{label}</title>
      <line className="sparkline-budget" x1="0" x2={SPARKLINE_WIDTH} y1={one} y2={one} />
      {d === '' ? null : <path className="sparkline-line" d={d} />}
    </svg>
  );
}
