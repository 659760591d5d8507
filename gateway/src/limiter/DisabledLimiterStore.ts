import type { LimitDecision, LimiterStore } from './LimiterStore';

const DISABLED: LimitDecision = { kind: 'disabled' };
const done = Promise.resolve(DISABLED);

/**
 * DisabledLimiterStore is the store behind LIMITER_ENABLED=false, the operator's kill switch: it checks and records
 * nothing and opens no connection, so every request passes without a Redis call or RateLimit fields.
 */
export class DisabledLimiterStore implements LimiterStore {
  readonly backend = 'none' as const;

  hit(): Promise<LimitDecision> {
    return done;
  }

  ready(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
