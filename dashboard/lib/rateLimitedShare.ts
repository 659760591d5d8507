/**
 * rateLimitedShare is the part of all requests that were rate-limited (429) over a window, 0..1; null when there
 * were no requests at all.
 */
export function rateLimitedShare(
  counts: { requests: number; rateLimited: number } | undefined,
): number | null {
  if (counts === undefined || !(counts.requests > 0)) return null;
  return Math.min(1, Math.max(0, counts.rateLimited / counts.requests));
}
