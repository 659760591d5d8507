import type { LimitDecision, LimiterStore } from './LimiterStore';
import type { WindowState } from './slidingWindow';
import { slidingWindow } from './slidingWindow';

/** InMemoryLimiterStore keeps sliding-window counters in this process; used without Redis and as the test fake. */
export class InMemoryLimiterStore implements LimiterStore {
  readonly backend = 'memory' as const;
  private readonly windows = new Map<string, WindowState>();

  constructor(private readonly now: () => number = Date.now) {}

  hit(tenant: string, limit: number, windowMs: number): Promise<LimitDecision> {
    const nowMs = this.now();
    const outcome = slidingWindow(this.windows.get(tenant), nowMs, limit, windowMs);
    this.windows.set(tenant, outcome.state);
    if (this.windows.size > 10_000) this.sweep(Math.floor(nowMs / windowMs));
    return Promise.resolve(
      outcome.allowed
        ? { kind: 'allowed', limit, remaining: outcome.remaining, resetMs: outcome.resetMs }
        : {
            kind: 'limited',
            limit,
            remaining: 0,
            resetMs: outcome.resetMs,
            retryAfterMs: outcome.retryAfterMs,
          },
    );
  }

  ready(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    this.windows.clear();
    return Promise.resolve();
  }

  // Keys whose buckets are both older than the window no longer affect any decision.
  private sweep(index: number): void {
    for (const [key, state] of this.windows) {
      if (state.index < index - 1) this.windows.delete(key);
    }
  }
}
