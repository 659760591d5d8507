/** SLI_WINDOWS are the windows every SLO records its error ratio over, shortest first. */
export const SLI_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;

/** SliWindow is one of the fixed recording windows. */
export type SliWindow = (typeof SLI_WINDOWS)[number];

/** SLO_PERIODS are the SLO periods the generator knows how to scale burn rates for. */
export const SLO_PERIODS = ['7d', '28d', '30d'] as const;

/** SloPeriod is the rolling period an objective is measured over. */
export type SloPeriod = (typeof SLO_PERIODS)[number];

const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86400 };

/** windowSeconds returns the length of a Prometheus duration such as `5m`, `6h` or `30d` in seconds. */
export function windowSeconds(window: string): number {
  const match = /^(\d+)([mhd])$/.exec(window);
  if (!match) throw new RangeError(`not a window: ${window}`);
  return Number(match[1]) * UNIT_SECONDS[match[2]!]!;
}
