import type { LimitDecision } from './LimiterStore';

/**
 * rateLimitHeaders renders a decision as draft-ietf-httpapi-ratelimit-headers fields (RateLimit-Policy and
 * RateLimit), plus Retry-After when the request was limited. Seconds are rounded up so a client that waits
 * that long is never early.
 */
export function rateLimitHeaders(decision: LimitDecision, windowSeconds: number): Record<string, string> {
  if (decision.kind === 'error') return {};
  const headers: Record<string, string> = {
    'ratelimit-policy': `"default";q=${decision.limit};w=${windowSeconds}`,
    ratelimit: `"default";r=${decision.remaining};t=${Math.max(1, Math.ceil(decision.resetMs / 1000))}`,
  };
  if (decision.kind === 'limited')
    headers['retry-after'] = String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
  return headers;
}
