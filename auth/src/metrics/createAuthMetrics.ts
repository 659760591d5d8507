import type { Registry } from 'prom-client';
import { Counter, Gauge } from 'prom-client';
import type { PasswordHashLimiter } from '../passwords/PasswordHashLimiter';

/** AuthMetrics are auth's own counters (process metrics come from the registry). */
export interface AuthMetrics {
  logins: Counter<'result'>;
  tokensIssued: Counter<'grant'>;
  refreshReuse: Counter;
}

/** createAuthMetrics registers auth's counters on the registry, and the password-hash limiter's gauges. */
export function createAuthMetrics(registry: Registry, hashLimiter?: PasswordHashLimiter): AuthMetrics {
  if (hashLimiter) registerHashLimiterMetrics(registry, hashLimiter);
  const logins = new Counter({
    name: 'auth_logins_total',
    help: 'Password login attempts by result (success, failure, locked).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const tokensIssued = new Counter({
    name: 'auth_tokens_issued_total',
    help: 'Access tokens issued, by grant (password, refresh_token, client_credentials).',
    labelNames: ['grant'] as const,
    registers: [registry],
  });
  const refreshReuse = new Counter({
    name: 'auth_refresh_reuse_total',
    help: 'Refresh tokens presented after they were used; each one revoked its whole family.',
    registers: [registry],
  });
  for (const result of ['success', 'failure', 'locked']) logins.inc({ result }, 0);
  for (const grant of ['password', 'refresh_token', 'client_credentials']) tokensIssued.inc({ grant }, 0);
  return { logins, tokensIssued, refreshReuse };
}

function registerHashLimiterMetrics(registry: Registry, limiter: PasswordHashLimiter): void {
  new Gauge({
    name: 'auth_password_hashes',
    help: 'Password hashes (scrypt, 16 MiB each) running or waiting for a slot, by state.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const s = limiter.stats();
      this.set({ state: 'running' }, s.running);
      this.set({ state: 'queued' }, s.queued);
    },
  });
  new Counter({
    name: 'auth_password_hashes_rejected_total',
    help: 'Password hashes refused with a 503 because PASSWORD_HASH_QUEUE hashes were already waiting.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(limiter.stats().rejected);
    },
  });
}
