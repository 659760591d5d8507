import type { SloStatus } from './sloApiShapes';

/** BURN_WINDOWS are the fixed windows the SLO engine measures, shortest first; the period follows them. */
export const BURN_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;

/** BurnRateBar is one window's burn rate with the lowest alert threshold that window takes part in. */
export interface BurnRateBar {
  window: string;
  burnRate: number | null;
  /** threshold is null for a window no alert uses (the period). */
  threshold: number | null;
  /** over is true when the burn rate is above the threshold: that half of an alert condition holds. */
  over: boolean;
}

/** BurnThreshold is one alert's threshold, drawn as a line across the bars. */
export interface BurnThreshold {
  factor: number;
  label: string;
  severity: 'page' | 'ticket';
}

/** burnRateBars shapes one SLO's burn rates into a bar per window and the alert thresholds to mark. */
export function burnRateBars(slo: SloStatus): { bars: BurnRateBar[]; thresholds: BurnThreshold[] } {
  if (slo.burnRates === null) return { bars: [], thresholds: [] };
  const rates = slo.burnRates;
  const windows = [...BURN_WINDOWS.filter((w) => w in rates), slo.period].filter(
    (w, i, all) => all.indexOf(w) === i && w in rates,
  );
  const bars = windows.map((window) => {
    const factors = slo.alerts
      .filter((a) => a.longWindow === window || a.shortWindow === window)
      .map((a) => a.factor);
    const threshold = factors.length === 0 ? null : Math.min(...factors);
    const burnRate = rates[window] ?? null;
    return {
      window,
      burnRate,
      threshold,
      over: burnRate !== null && threshold !== null && burnRate > threshold,
    };
  });
  const thresholds = [...slo.alerts]
    .sort((a, b) => b.factor - a.factor)
    .map((a) => ({
      factor: a.factor,
      label: `${a.burnrateTier} ${formatFactor(a.factor)}×`,
      severity: a.severity,
    }));
  return { bars, thresholds };
}

function formatFactor(f: number): string {
  return Number(f.toPrecision(3)).toString();
}
