import type { LimitCheck } from './LimitCheck';

/**
 * LimitDecision is the outcome of one check of every limit of a request. `index` names the limit to report:
 * when limited, the violated limit that frees up last; when allowed, the one with the least remaining quota.
 * `disabled` means rate limiting is switched off (LIMITER_ENABLED=false): nothing was checked or recorded.
 */
export type LimitDecision =
  | {
      kind: 'decided';
      allowed: boolean;
      index: number;
      remaining: number;
      resetMs: number;
      retryAfterMs: number;
      /** Highest fraction of any limit in use after this request, 0..1. */
      usage: number;
    }
  | { kind: 'error'; error: Error }
  | { kind: 'disabled' };

/** LimiterStore applies a LimitCheck atomically; it never throws, it returns a decision. */
export interface LimiterStore {
  /** The backend name, reported as the gateway_limiter_backend metric. */
  readonly backend: 'redis' | 'memory' | 'none';
  /**
   * hit checks every limit and records the request in all of them only if all allow it; with `force` the
   * request is recorded whatever the decision (allowlisted traffic bypasses limits but still counts).
   */
  hit(check: LimitCheck, force: boolean): Promise<LimitDecision>;
  /** ready resolves true when the store can serve decisions. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}
