/** BackoffOptions bounds the exponential backoff between export retries. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

/**
 * backoffDelay is "full jitter" exponential backoff: a uniform draw from [0, min(max, initial·2^attempt)], but never
 * shorter than the backend's Retry-After when it sent one.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  const jitter = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jitter : Math.max(retryAfterMs, jitter);
}
