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
  /** The weighted count before this request. */
  estimated: number;
  state: WindowState;
}

/**
 * slidingWindow evaluates one hit against a two-bucket approximate sliding window (the previous bucket's
 * count weighted by how much of it still overlaps the window ending now) without recording it; `state` is
 * the rolled-over state before the hit. The Redis Lua script (multiLimitLua) mirrors this exactly.
 */
export function slidingWindow(
  stored: WindowState | undefined,
  nowMs: number,
  limit: number,
  windowMs: number,
): WindowOutcome {
  const index = Math.floor(nowMs / windowMs);
  let current = 0;
  let previous = 0;
  if (stored && stored.index === index) {
    current = stored.current;
    previous = stored.previous;
  } else if (stored && stored.index === index - 1) {
    previous = stored.current;
  }
  const elapsed = nowMs - index * windowMs;
  const resetMs = windowMs - elapsed;
  // Rounding the weighted previous count lets a steadily saturated window admit exactly `limit`; keeping the
  // fraction loses about one request per window (1 % at 100/s). The cost is at most half a request of slack
  // (see ADR 0004). Math.round and Lua's floor(x + 0.5) agree for the non-negative values here.
  const estimated = Math.round((previous * resetMs) / windowMs) + current;
  const state = { index, current, previous };
  if (estimated + 1 > limit) {
    return {
      allowed: false,
      remaining: 0,
      resetMs,
      retryAfterMs: retryAfter(previous, current, elapsed, limit, windowMs),
      estimated,
      state,
    };
  }
  return {
    allowed: true,
    remaining: Math.max(0, Math.floor(limit - estimated - 1)),
    resetMs,
    retryAfterMs: 0,
    estimated,
    state,
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
