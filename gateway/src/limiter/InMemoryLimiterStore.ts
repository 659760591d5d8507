import type { LimitCheck } from './LimitCheck';
import type { LimitDecision, LimiterStore } from './LimiterStore';
import type { WindowState } from './slidingWindow';
import { evaluateLimits } from './evaluateLimits';

const SWEEP_AT = 50_000;

/**
 * InMemoryLimiterStore keeps sliding-window counters in this process with the same algorithm as the Redis
 * script; it serves when REDIS_URL is unset, as the fallback while Redis is down, and as the test fake.
 */
export class InMemoryLimiterStore implements LimiterStore {
  readonly backend = 'memory' as const;
  private readonly windows = new Map<string, WindowState>();

  constructor(private readonly now: () => number = Date.now) {}

  hit(check: LimitCheck, force: boolean): Promise<LimitDecision> {
    const nowMs = this.now();
    const decision = evaluateLimits(this.windows, check, nowMs, force);
    if (this.windows.size > SWEEP_AT) this.sweep(nowMs);
    return Promise.resolve(decision);
  }

  ready(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    this.windows.clear();
    return Promise.resolve();
  }

  // A key whose buckets both ended more than a window ago no longer affects any decision; the longest window
  // is a minute, so anything untouched for two minutes can go. Keys are IP-derived, so this bounds memory.
  private sweep(nowMs: number): void {
    for (const [key, state] of this.windows) {
      const windowMs = key.endsWith(':60s') ? 60_000 : 1_000;
      if ((state.index + 2) * windowMs < nowMs) this.windows.delete(key);
    }
  }
}
