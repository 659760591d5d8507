import type { ColumnType, Generated } from 'kysely';

/** UsersTable is auth.users: people who log in to the console. */
export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  tenant_id: string | null;
  roles: string[];
  created_at: ColumnType<Date, never, never>;
}

/** ApiKeysTable is auth.api_keys: tenant API keys, stored only as hashes. */
export interface ApiKeysTable {
  id: Generated<string>;
  tenant_id: string;
  prefix: string;
  key_hash: string;
  created_at: ColumnType<Date, never, never>;
  revoked_at: Date | null;
}

/** SigningKeysTable is auth.signing_keys: the key pairs access tokens are signed with. */
export interface SigningKeysTable {
  kid: string;
  alg: string;
  public_jwk: ColumnType<Record<string, unknown>, string, string>;
  private_jwk: ColumnType<Record<string, unknown>, string, string>;
  created_at: ColumnType<Date, never, never>;
}

/** AuthDatabase is the typed view of auth's Postgres schema. */
export interface AuthDatabase {
  'auth.users': UsersTable;
  'auth.api_keys': ApiKeysTable;
  'auth.signing_keys': SigningKeysTable;
}
