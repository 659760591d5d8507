import type { Registry } from 'prom-client';
import { Counter } from 'prom-client';

/** AuthMetrics are auth's own counters (process metrics come from the registry). */
export interface AuthMetrics {
  logins: Counter<'result'>;
  tokensIssued: Counter<'grant'>;
  refreshReuse: Counter;
}

/** createAuthMetrics registers auth's counters on the registry. */
export function createAuthMetrics(registry: Registry): AuthMetrics {
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
