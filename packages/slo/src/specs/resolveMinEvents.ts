import type { SliWindow } from '../windows';
import { SLI_WINDOWS } from '../windows';

/** DEFAULT_MIN_EVENTS is the fewest valid events a window needs before burn-rate alerts may fire. */
export const DEFAULT_MIN_EVENTS = 10;

/** resolveMinEvents layers a spec's minimum-events setting over a base, giving a minimum for every window. */
export function resolveMinEvents(
  value: number | Partial<Record<SliWindow, number>> | undefined,
  base: Record<SliWindow, number> = uniformMinEvents(DEFAULT_MIN_EVENTS),
): Record<SliWindow, number> {
  if (value === undefined) return { ...base };
  if (typeof value === 'number') return uniformMinEvents(value);
  return { ...base, ...value };
}

function uniformMinEvents(n: number): Record<SliWindow, number> {
  return Object.fromEntries(SLI_WINDOWS.map((w) => [w, n])) as Record<SliWindow, number>;
}
