import type { SlaHistory } from './sloApiShapes';

/** PeakRates is the busiest request rate a history shows, and its totals. */
export interface PeakRates {
  /** perSecond is the busiest step's requests per second, averaged over the step (null with no traffic). */
  perSecond: number | null;
  /** perMinute is the busiest minute's requests (steps under a minute are summed into whole minutes). */
  perMinute: number | null;
  requests: number;
  rateLimited: number;
  stepSeconds: number;
}

const STEP_SECONDS: Record<string, number> = { '10s': 10, '1m': 60, '5m': 300, '1h': 3600, '1d': 86400 };

/**
 * peakRates finds the observed peak request rate in an SLA history, to set against the tenant's limits. A step
 * only gives an average over itself, so a peak per second is a lower bound of the real one: the finer the step, the
 * closer. Rate-limited requests count, since they were sent.
 */
export function peakRates(history: SlaHistory): PeakRates {
  const stepSeconds = STEP_SECONDS[history.step] ?? 60;
  let requests = 0;
  let rateLimited = 0;
  let busiestStep = 0;
  const minutes = new Map<number, number>();
  for (const p of history.points) {
    requests += p.requests;
    rateLimited += p.rateLimited;
    busiestStep = Math.max(busiestStep, p.requests);
    const minute = Math.floor(Date.parse(p.t) / 60_000);
    minutes.set(minute, (minutes.get(minute) ?? 0) + p.requests);
  }
  if (history.points.length === 0)
    return { perSecond: null, perMinute: null, requests, rateLimited, stepSeconds };
  const perMinute = stepSeconds < 60 ? Math.max(...minutes.values()) : (busiestStep * 60) / stepSeconds;
  return { perSecond: busiestStep / stepSeconds, perMinute, requests, rateLimited, stepSeconds };
}
