import type { Logger } from 'pino';
import type { AuditLog } from '../audit/AuditLog';
import type { LoginLockout } from '../lockout/LoginLockout';
import type { RefreshTokenStore } from '../refresh/RefreshTokenStore';
import type { SigningKeyStore } from '../tokens/SigningKeyStore';

/** JanitorDeps are the stores the janitor tidies. */
export interface JanitorDeps {
  keys: SigningKeyStore;
  refresh: RefreshTokenStore;
  lockout: LoginLockout;
  audit: AuditLog;
  logger: Logger;
  intervalMs?: number;
}

/**
 * startJanitor periodically drops retired signing keys whose tokens have all expired, refresh tokens of
 * ended families and stale lockout counters. It returns run (one pass, also run at start) and stop.
 */
export function startJanitor(deps: JanitorDeps): { run(): Promise<void>; stop(): void } {
  let running: Promise<void> | undefined;
  const pass = async () => {
    const dropped = await deps.keys.pruneRetired();
    for (const kid of dropped) {
      await deps.audit.record({
        actor: { type: 'system' },
        action: 'signing_key.drop',
        target: { type: 'signing_key', id: kid },
        result: 'success',
        reason: 'every token it signed has expired',
      });
    }
    const refreshTokens = await deps.refresh.prune();
    const lockouts = await deps.lockout.prune();
    if (dropped.length + refreshTokens + lockouts > 0) {
      deps.logger.info({ droppedKeys: dropped, refreshTokens, lockouts }, 'janitor pruned expired state');
    }
  };
  const run = () => {
    running ??= pass()
      .catch((err: unknown) => deps.logger.error({ err }, 'janitor pass failed; retrying next interval'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void run(), deps.intervalMs ?? 600_000);
  timer.unref();
  return { run, stop: () => clearInterval(timer) };
}
