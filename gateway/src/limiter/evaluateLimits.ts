import type { LimitCheck } from './LimitCheck';
import type { LimitDecision } from './LimiterStore';
import type { WindowOutcome, WindowState } from './slidingWindow';
import { slidingWindow } from './slidingWindow';

/**
 * evaluateLimits applies one request to every window of a check, all or nothing: it is the in-process twin of
 * multiLimitLua, reading and writing states through the given map so both stores decide identically.
 */
export function evaluateLimits(
  states: Map<string, WindowState>,
  check: LimitCheck,
  nowMs: number,
  force: boolean,
): Extract<LimitDecision, { kind: 'decided' }> {
  const n = check.keys.length;
  const outcomes: WindowOutcome[] = new Array<WindowOutcome>(n);
  let allowed = true;
  let worstRetry = -1;
  let worstIndex = 0;
  for (let k = 0; k < n; k++) {
    const o = slidingWindow(states.get(check.keys[k]!), nowMs, check.limits[k]!, check.windowsMs[k]!);
    outcomes[k] = o;
    if (!o.allowed) {
      allowed = false;
      if (o.retryAfterMs > worstRetry) {
        worstRetry = o.retryAfterMs;
        worstIndex = k;
      }
    }
  }
  const record = allowed || force;
  let minRemaining = Infinity;
  let minIndex = 0;
  let usage = 0;
  for (let k = 0; k < n; k++) {
    const o = outcomes[k]!;
    const limit = check.limits[k]!;
    const used = o.estimated + (record ? 1 : 0);
    usage = Math.max(usage, limit > 0 ? Math.min(1, used / limit) : 1);
    if (record) states.set(check.keys[k]!, { ...o.state, current: o.state.current + 1 });
    if (o.remaining < minRemaining) {
      minRemaining = o.remaining;
      minIndex = k;
    }
  }
  if (n === 0)
    return { kind: 'decided', allowed: true, index: -1, remaining: 0, resetMs: 0, retryAfterMs: 0, usage: 0 };
  const index = allowed ? minIndex : worstIndex;
  const chosen = outcomes[index]!;
  return {
    kind: 'decided',
    allowed,
    index,
    remaining: allowed ? chosen.remaining : 0,
    resetMs: chosen.resetMs,
    retryAfterMs: allowed ? 0 : chosen.retryAfterMs,
    usage: Math.floor(usage * 1000) / 1000,
  };
}
