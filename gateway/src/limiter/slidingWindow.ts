/** WindowState is the two-bucket counter of one key: the current bucket's index and both buckets' counts. */
export interface WindowState {
  index: number;
  current: number;
  previous: number;
}

/** WindowOutcome is what one evaluation of the sliding window decided. */
export interface WindowOutcome {
  allowed: boolean;
  remaining: number;
  resetMs: number;
  retryAfterMs: number;
  state: WindowState;
}

/**
 * slidingWindow applies one hit to a two-bucket approximate sliding window: the previous bucket's count is
 * weighted by how much of it still overlaps the window ending now. The Redis Lua script mirrors this exactly.
 */
export function slidingWindow(
  state: WindowState | undefined,
  nowMs: number,
  limit: number,
  windowMs: number,
): WindowOutcome {
  const index = Math.floor(nowMs / windowMs);
  let current = 0;
  let previous = 0;
  if (state && state.index === index) {
    current = state.current;
    previous = state.previous;
  } else if (state && state.index === index - 1) {
    previous = state.current;
  }
  const elapsed = nowMs - index * windowMs;
  const weight = (windowMs - elapsed) / windowMs;
  const estimated = previous * weight + current;
  const resetMs = windowMs - elapsed;
  if (estimated + 1 > limit) {
    return {
      allowed: false,
      remaining: 0,
      resetMs,
      retryAfterMs: retryAfter(previous, current, elapsed, limit, windowMs),
      state: { index, current, previous },
    };
  }
  current += 1;
  return {
    allowed: true,
    remaining: Math.max(0, Math.floor(limit - estimated - 1)),
    resetMs,
    retryAfterMs: 0,
    state: { index, current, previous },
  };
}

// Solves for the first moment the weighted estimate leaves room for one more request.
function retryAfter(
  previous: number,
  current: number,
  elapsed: number,
  limit: number,
  windowMs: number,
): number {
  const room = limit - 1;
  if (current <= room && previous > 0) {
    const at = windowMs * (1 - (room - current) / previous);
    return Math.max(1, Math.ceil(at - elapsed));
  }
  // The current bucket alone is full: wait for it to become the previous bucket and decay enough.
  const untilNext = windowMs - elapsed;
  if (current <= 0 || room <= 0) return untilNext + windowMs;
  return Math.max(1, Math.ceil(untilNext + windowMs * Math.max(0, 1 - room / current)));
}
