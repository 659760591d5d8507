/** SLI_WINDOWS are the windows every SLO measures its error ratio over, shortest first. */
export const SLI_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;

/** SliWindow is one of the fixed measuring windows. */
export type SliWindow = (typeof SLI_WINDOWS)[number];

/** SLO_PERIODS are the SLO periods the burn-rate factors are scaled for. */
export const SLO_PERIODS = ['7d', '28d', '30d'] as const;

/** SloPeriod is the rolling period an objective is measured over. */
export type SloPeriod = (typeof SLO_PERIODS)[number];

/** MeasuredWindow is any window an SLO is measured over: a fixed window or its period. */
export type MeasuredWindow = SliWindow | SloPeriod;

const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86400 };

/** windowSeconds returns the length of a Prometheus duration such as `5m`, `6h` or `30d` in seconds. */
export function windowSeconds(window: string): number {
  // Four digits are plenty for any window and keep a hostile value from becoming a huge number.
  const match = /^(\d{1,4})([mhd])$/.exec(window);
  if (!match) throw new RangeError(`not a window: ${window}`);
  return Number(match[1]) * UNIT_SECONDS[match[2]!]!;
}
