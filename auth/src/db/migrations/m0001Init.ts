import type { Migration } from 'kysely';
import { sql } from 'kysely';

/** m0001Init creates users, API keys and signing keys (the first cut). */
export const m0001Init: Migration = {
  async up(db) {
    // Emails are stored lower-cased (checked by the database) instead of citext, so no extension is needed.
    await sql`
      CREATE TABLE auth.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash text NOT NULL,
        tenant_id text NULL,
        roles text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`
      CREATE TABLE auth.api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL
      )`.execute(db);
    await sql`CREATE INDEX api_keys_tenant_idx ON auth.api_keys (tenant_id)`.execute(db);
    await sql`
      CREATE TABLE auth.signing_keys (
        kid text PRIMARY KEY,
        alg text NOT NULL,
        public_jwk jsonb NOT NULL,
        private_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
  },
  async down(db) {
    await sql`DROP TABLE auth.signing_keys`.execute(db);
    await sql`DROP TABLE auth.api_keys`.execute(db);
    await sql`DROP TABLE auth.users`.execute(db);
  },
};
