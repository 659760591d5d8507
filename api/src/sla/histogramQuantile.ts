/**
 * histogramQuantile estimates the q-quantile (0..1) of a bucketed histogram by linear interpolation
 * inside the bucket that holds it, as Prometheus does. counts has one more entry than bounds (the +Inf
 * bucket); a quantile in the +Inf bucket reports the last finite bound. Null when the histogram is empty.
 */
export function histogramQuantile(
  q: number,
  counts: readonly number[],
  bounds: readonly number[],
): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0 || bounds.length === 0) return null;
  const rank = q * total;
  const lastBound = bounds[bounds.length - 1]!;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    if (count > 0 && below + count >= rank) {
      if (i >= bounds.length) return lastBound;
      const lower = i === 0 ? 0 : bounds[i - 1]!;
      const upper = bounds[i]!;
      return round3(lower + (upper - lower) * ((rank - below) / count));
    }
    below += count;
  }
  return lastBound;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
