import { context } from '@opentelemetry/api';
import type { CircuitBreaker } from './CircuitBreaker';
import type { InMemoryLimiterStore } from './InMemoryLimiterStore';
import type { LimitCheck } from './LimitCheck';
import type { LimitDecision, LimiterStore } from './LimiterStore';

/**
 * LimiterMode is which store decides right now: the shared Redis, the per-node fallback, memory only, or none
 * because rate limiting is switched off.
 */
export type LimiterMode = 'redis' | 'fallback' | 'memory' | 'disabled';

/**
 * ResilientLimiter sends checks to Redis while its circuit breaker is closed and otherwise to an in-process
 * store that enforces each limit divided by the number of replicas, so limits still roughly hold while Redis is
 * down and no request ever fails because of it. The fallback is kept warm with this node's admitted traffic.
 */
export class ResilientLimiter implements LimiterStore {
  readonly backend = 'redis' as const;
  private readonly divided = new WeakMap<LimitCheck, LimitCheck>();

  constructor(
    private readonly primary: LimiterStore,
    private readonly fallback: InMemoryLimiterStore,
    private readonly breaker: CircuitBreaker,
    private readonly replicas: number,
    private readonly onError: (err: Error) => void,
  ) {}

  /** mode says which store the next check will most likely use. */
  mode(): LimiterMode {
    return this.breaker.current() === 'closed' ? 'redis' : 'fallback';
  }

  async hit(check: LimitCheck, force: boolean): Promise<LimitDecision> {
    if (this.breaker.tryAcquire()) {
      // The caller's context (its request's span and tenant) is active here but not after the await (ADR 0016):
      // keep it for the failure's log line.
      const ctx = context.active();
      const decision = await this.primary.hit(check, force);
      if (decision.kind !== 'error') {
        this.breaker.success();
        // Mirror what this node admitted into the fallback, so that when Redis fails it starts from this node's
        // real recent traffic instead of an empty window that would admit a fresh burst on every replica.
        if (decision.kind === 'decided' && (decision.allowed || force))
          void this.fallback.hit(this.dividedCheck(check), true);
        return decision;
      }
      this.breaker.failure(decision.error);
      context.with(ctx, () => this.onError(decision.error));
    }
    return this.fallback.hit(this.dividedCheck(check), force);
  }

  ready(): Promise<boolean> {
    return this.primary.ready();
  }

  async close(): Promise<void> {
    await this.primary.close();
    await this.fallback.close();
  }

  private dividedCheck(check: LimitCheck): LimitCheck {
    if (this.replicas <= 1) return check;
    let d = this.divided.get(check);
    if (!d) {
      d = {
        keys: check.keys,
        windowsMs: check.windowsMs,
        limits: check.limits.map((l) => (l === 0 ? 0 : Math.max(1, Math.floor(l / this.replicas)))),
      };
      this.divided.set(check, d);
    }
    return d;
  }
}
