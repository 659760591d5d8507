import type { Logger } from 'pino';
import { ipNetwork } from '@sightline/telemetry';

/** LimitHit is one request over a limit, as logged. */
export interface LimitHit {
  tenant: string;
  endpointClass: string;
  limitType: string;
  policy: string;
  limit: number;
  decision: 'limited' | 'shadow';
  clientIp?: string;
}

/**
 * LimitHitLog writes one warn line per (tenant, endpoint class, limit type, decision) at most every intervalMs,
 * carrying how many hits it suppressed since the last line, so a flood of 429s cannot flood the logs.
 */
export class LimitHitLog {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** record logs the hit, or counts it as suppressed. */
  record(hit: LimitHit): void {
    const key = `${hit.tenant}|${hit.endpointClass}|${hit.limitType}|${hit.decision}`;
    const t = this.now();
    const seen = this.last.get(key);
    if (seen && t - seen.at < this.intervalMs) {
      seen.suppressed++;
      return;
    }
    if (this.last.size > 10_000) this.last.clear();
    this.last.set(key, { at: t, suppressed: 0 });
    this.logger.warn(
      {
        tenant_id: hit.tenant,
        endpoint_class: hit.endpointClass,
        limit_type: hit.limitType,
        policy: hit.policy,
        limit: hit.limit,
        decision: hit.decision,
        // The client's network, not its address: the line reaches the process output, which is not redacted.
        ...(hit.clientIp ? { client_network: ipNetwork(hit.clientIp) ?? 'unknown' } : {}),
        suppressed: seen?.suppressed ?? 0,
      },
      hit.decision === 'shadow'
        ? 'rate limit would have been hit (shadow mode, not enforced)'
        : 'rate limit hit',
    );
  }
}
