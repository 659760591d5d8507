import type { Logger } from 'pino';
import type { Kysely } from 'kysely';
import type { ApiKeyStore } from './apiKeys/ApiKeyStore';
import type { AuditLog } from './audit/AuditLog';
import type { ClientStore } from './clients/ClientStore';
import type { AuthDatabase } from './db/AuthDatabase';
import type { LoginLockout } from './lockout/LoginLockout';
import type { AuthMetrics } from './metrics/createAuthMetrics';
import type { RefreshTokenStore } from './refresh/RefreshTokenStore';
import type { AccessTokenVerifier } from './tokens/AccessTokenVerifier';
import type { SigningKeyStore } from './tokens/SigningKeyStore';
import type { UserStore } from './users/UserStore';

/** AuthServices is everything auth's routes work with, built once by startAuth. */
export interface AuthServices {
  db: Kysely<AuthDatabase>;
  keys: SigningKeyStore;
  verifier: AccessTokenVerifier;
  audit: AuditLog;
  users: UserStore;
  clients: ClientStore;
  apiKeys: ApiKeyStore;
  refresh: RefreshTokenStore;
  lockout: LoginLockout;
  metrics: AuthMetrics;
  logger: Logger;
  issuer: string;
  accessTtlSeconds: number;
}
