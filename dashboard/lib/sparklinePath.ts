import type { BurnPoint } from './burnRateSeries';

/** SparklineBox is the drawing area of a sparkline and the time range it spans. */
export interface SparklineBox {
  width: number;
  height: number;
  from: number;
  to: number;
  /** max is the value drawn at the top; bigger values are clipped to it. */
  max: number;
}

/**
 * sparklinePath draws points as an SVG path across the box: x by time, y by value with 0 at the bottom. A point
 * without a value, or a jump of more than `gapMs` between points, lifts the pen, so a gap never looks like a line.
 */
export function sparklinePath(points: readonly BurnPoint[], box: SparklineBox, gapMs: number): string {
  const span = Math.max(1, box.to - box.from);
  const x = (t: number) => (((t - box.from) / span) * box.width).toFixed(1);
  const y = (v: number) => (box.height - (Math.min(v, box.max) / box.max) * box.height).toFixed(1);
  let d = '';
  let last: number | undefined;
  for (const p of points) {
    if (p.rate === null || p.t < box.from || p.t > box.to) {
      last = undefined;
      continue;
    }
    // A zero-length stroke after each move draws a lone point (between two gaps) as a dot.
    const pen = last === undefined || p.t - last > gapMs ? 'M' : 'L';
    d += `${d === '' ? '' : ' '}${pen}${x(p.t)} ${y(p.rate)}${pen === 'M' ? ' l0 0' : ''}`;
    last = p.t;
  }
  return d;
}
