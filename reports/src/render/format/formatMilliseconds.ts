import { formatCount } from './formatCount';

/** formatMilliseconds writes a latency, e.g. "410 ms", "1,240 ms", or "4.5 ms" below 10 ms; "—" without a value. */
export function formatMilliseconds(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const text = ms < 10 ? String(Math.round(ms * 10) / 10) : formatCount(Math.round(ms));
  return `${text}\u00a0ms`;
}
