/** LimitDecision is the outcome of one limiter hit: allowed, limited, or the store failed. */
export type LimitDecision =
  | { kind: 'allowed'; limit: number; remaining: number; resetMs: number }
  | { kind: 'limited'; limit: number; remaining: 0; resetMs: number; retryAfterMs: number }
  | { kind: 'error'; error: Error };

/** LimiterStore counts requests in a sliding window per key; it never throws, it returns a decision. */
export interface LimiterStore {
  /** The backend name, reported as the gateway_limiter_backend metric. */
  readonly backend: 'redis' | 'memory';
  /** hit counts one request of a tenant against limit per windowMs and says whether it may pass. */
  hit(tenant: string, limit: number, windowMs: number): Promise<LimitDecision>;
  /** ready resolves true when the store can serve decisions. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}
