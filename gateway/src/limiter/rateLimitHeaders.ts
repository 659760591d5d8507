import type { LimitDecision } from './LimiterStore';

/** PolicyInfo describes one limit as RateLimit fields name it. */
export interface PolicyInfo {
  /** The policy name, e.g. `tenant-1s`. */
  name: string;
  /** What is limited: the tenant as a whole, the tenant on an endpoint class, or a client IP. */
  type: 'tenant' | 'class' | 'ip';
  limit: number;
  windowSeconds: number;
  /** `"<name>";r=` prefix of the RateLimit field, precomputed so the hot path only appends numbers. */
  rateLimitPrefix: string;
}

/** RateLimitFields are the response header values of one decision. */
export interface RateLimitFields {
  policy: string;
  rateLimit: string;
  retryAfter: string | undefined;
}

/**
 * rateLimitFields renders a decision as draft-ietf-httpapi-ratelimit-headers fields: RateLimit-Policy lists every
 * policy (precomputed per plan), RateLimit reports the one the decision chose (least remaining, or the violated
 * one), and Retry-After is set when limited. Seconds are rounded up so a client that waits that long is never early.
 */
export function rateLimitFields(
  decision: Extract<LimitDecision, { kind: 'decided' }>,
  policies: readonly PolicyInfo[],
  policyHeader: string,
): RateLimitFields | undefined {
  const p = policies[decision.index];
  if (!p) return undefined;
  const t = decision.allowed
    ? Math.max(1, Math.ceil(decision.resetMs / 1000))
    : Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  return {
    policy: policyHeader,
    rateLimit: `${p.rateLimitPrefix}${decision.remaining};t=${t}`,
    retryAfter: decision.allowed ? undefined : String(t),
  };
}
