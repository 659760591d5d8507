import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;

/** UsersTable is auth.users: people who log in to the console. */
export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  tenant_id: string | null;
  roles: string[];
  created_at: CreatedAt;
  created_by: string | null;
  disabled_at: Date | null;
}

/** ApiKeysTable is auth.api_keys: tenant API keys, stored only as hashes. */
export interface ApiKeysTable {
  id: Generated<string>;
  tenant_id: string;
  prefix: string;
  key_hash: string;
  name: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** ApiKeyRevocationsTable is auth.api_key_revocations: the feed the gateway follows, filled by a trigger. */
export interface ApiKeyRevocationsTable {
  id: ColumnType<string, never, never>;
  api_key_id: string;
  key_hash: string;
  revoked_at: Date;
}

/** SigningKeysTable is auth.signing_keys: the key pairs access tokens are signed with. */
export interface SigningKeysTable {
  kid: string;
  alg: string;
  public_jwk: ColumnType<Record<string, unknown>, string, string>;
  /** Only rows written before private keys were encrypted; cleared on the next start. */
  private_jwk: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  /** AES-256-GCM envelope of the private JWK; null once the key has retired. */
  private_jwk_enc: string | null;
  state: 'active' | 'retiring';
  retired_at: Date | null;
  publish_until: Date | null;
  created_at: CreatedAt;
}

/** LocalKeyEncryptionKeyTable holds the development-only key-encryption key (one row at most). */
export interface LocalKeyEncryptionKeyTable {
  singleton: ColumnType<boolean, never, never>;
  key: Buffer;
  created_at: CreatedAt;
}

/** RefreshTokensTable is auth.refresh_tokens: rotating refresh tokens, stored as hashes, grouped in families. */
export interface RefreshTokensTable {
  id: Generated<string>;
  family_id: string;
  user_id: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  family_expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

/** ClientsTable is auth.clients: OAuth2 machine clients of a tenant, secrets stored as hashes. */
export interface ClientsTable {
  id: Generated<string>;
  client_id: string;
  tenant_id: string;
  name: string;
  roles: string[];
  secret_hash: string;
  created_at: CreatedAt;
  created_by: string | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** LoginThrottleTable is auth.login_throttle: failed logins per email, for the account lockout. */
export interface LoginThrottleTable {
  email: string;
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
}

/** AuditLogTable is auth.audit_log: append-only (a trigger rejects UPDATE, DELETE and TRUNCATE). */
export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  at: CreatedAt;
  actor_type: 'user' | 'client' | 'system' | 'anonymous';
  actor_id: string | null;
  actor_email: string | null;
  tenant_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: 'success' | 'failure';
  reason: string | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
}

/** AuthDatabase is the typed view of auth's Postgres schema. */
export interface AuthDatabase {
  'auth.users': UsersTable;
  'auth.api_keys': ApiKeysTable;
  'auth.api_key_revocations': ApiKeyRevocationsTable;
  'auth.signing_keys': SigningKeysTable;
  'auth.local_key_encryption_key': LocalKeyEncryptionKeyTable;
  'auth.refresh_tokens': RefreshTokensTable;
  'auth.clients': ClientsTable;
  'auth.login_throttle': LoginThrottleTable;
  'auth.audit_log': AuditLogTable;
}
