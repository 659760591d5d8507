// Formatters for the SLA tiles. Each returns "—" for a missing value so a tile never shows NaN or "null".

/** NO_VALUE is what a tile shows where there is nothing to show. */
export const NO_VALUE = '—';

const countFormat = new Intl.NumberFormat('en-US');

/** formatAvailability shows a 0..1 ratio as a percentage with 3 decimals ("99.950%"). */
export function formatAvailability(availability: number | null | undefined): string {
  if (availability === null || availability === undefined || !Number.isFinite(availability)) return NO_VALUE;
  return `${(availability * 100).toFixed(3)}%`;
}

/** formatBudget shows the error budget left (1 = untouched, negative = overspent) as a percentage with 1 decimal. */
export function formatBudget(remaining: number | null | undefined): string {
  if (remaining === null || remaining === undefined || !Number.isFinite(remaining)) return NO_VALUE;
  const percent = remaining * 100;
  // Avoid "-0.0%" for a budget that is overspent by less than the shown precision.
  const shown = Math.abs(percent) < 0.05 ? 0 : percent;
  // An overspent budget can run to thousands of percent; whole numbers keep the tile's width fixed.
  if (Math.abs(shown) >= 1000) return `${countFormat.format(Math.round(shown))}%`;
  return `${shown.toFixed(1)}%`;
}

/** formatMs shows a latency in milliseconds: one decimal under 10 ms, whole milliseconds above. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NO_VALUE;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${countFormat.format(Math.round(ms))} ms`;
}

/** formatCount shows a whole count with thousands separators. */
export function formatCount(count: number | null | undefined): string {
  if (count === null || count === undefined || !Number.isFinite(count)) return NO_VALUE;
  return countFormat.format(Math.round(count));
}

/** formatClock shows an ISO timestamp as hh:mm:ss (24 h) in the given time zone, or the viewer's own. */
export function formatClock(iso: string | null | undefined, timeZone?: string): string {
  if (iso === null || iso === undefined) return NO_VALUE;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return NO_VALUE;
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(date);
}

/** formatBurnRate shows a burn rate as a multiple of the sustainable rate ("14.4×"). */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return NO_VALUE;
  return rate >= 100 ? `${countFormat.format(Math.round(rate))}×` : `${Number(rate.toPrecision(3))}×`;
}

/** formatDateTime shows an instant (ISO or epoch ms) as "25 Nov 14:05" in the viewer's time zone. */
export function formatDateTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return NO_VALUE;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return NO_VALUE;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** formatShare shows a 0..1 share as a percentage: 2 decimals under 10 % ("0.32%"), 1 above ("12.5%"). */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return NO_VALUE;
  if (share === 0) return '0%';
  return `${(share * 100).toFixed(share < 0.1 ? 2 : 1)}%`;
}
