import type { Migration } from 'kysely';
import { sql } from 'kysely';

/**
 * m0002Sessions adds refresh-token families, machine clients, key states with encrypted private keys,
 * the API-key revocation feed, per-account login lockout and the append-only audit log.
 */
export const m0002Sessions: Migration = {
  async up(db) {
    await sql`ALTER TABLE auth.users ADD COLUMN disabled_at timestamptz NULL`.execute(db);
    await sql`ALTER TABLE auth.users ADD COLUMN created_by text NULL`.execute(db);
    await sql`CREATE INDEX users_tenant_idx ON auth.users (tenant_id)`.execute(db);

    // Signing keys: clear private JWKs are encrypted by the service on its next start (it holds the key).
    await sql`ALTER TABLE auth.signing_keys ALTER COLUMN private_jwk DROP NOT NULL`.execute(db);
    await sql`ALTER TABLE auth.signing_keys ADD COLUMN private_jwk_enc text NULL`.execute(db);
    await sql`
      ALTER TABLE auth.signing_keys
        ADD COLUMN state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'retiring')),
        ADD COLUMN retired_at timestamptz NULL,
        ADD COLUMN publish_until timestamptz NULL`.execute(db);
    // Replicas racing on the first start may have made several keys; keep the newest active and publish
    // the others for a day, the longest access-token lifetime config allows.
    await sql`
      UPDATE auth.signing_keys SET state = 'retiring', retired_at = now(),
        publish_until = now() + interval '1 day'
      WHERE kid <> (SELECT kid FROM auth.signing_keys ORDER BY created_at DESC, kid LIMIT 1)`.execute(db);
    await sql`CREATE UNIQUE INDEX signing_keys_one_active ON auth.signing_keys (state) WHERE state = 'active'`.execute(
      db,
    );
    await sql`
      CREATE TABLE auth.local_key_encryption_key (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        key bytea NOT NULL CHECK (length(key) = 32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);

    await sql`
      CREATE TABLE auth.refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        family_expires_at timestamptz NOT NULL,
        used_at timestamptz NULL,
        revoked_at timestamptz NULL
      )`.execute(db);
    await sql`CREATE INDEX refresh_tokens_family_idx ON auth.refresh_tokens (family_id)`.execute(db);
    await sql`CREATE INDEX refresh_tokens_user_idx ON auth.refresh_tokens (user_id)`.execute(db);

    await sql`
      CREATE TABLE auth.clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id text NOT NULL UNIQUE,
        tenant_id text NOT NULL,
        name text NOT NULL,
        roles text[] NOT NULL,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NULL,
        last_used_at timestamptz NULL,
        revoked_at timestamptz NULL
      )`.execute(db);
    await sql`CREATE INDEX clients_tenant_idx ON auth.clients (tenant_id)`.execute(db);

    await sql`ALTER TABLE auth.api_keys ADD COLUMN name text NULL`.execute(db);
    await sql`ALTER TABLE auth.api_keys ADD COLUMN created_by text NULL`.execute(db);
    await sql`ALTER TABLE auth.api_keys ADD COLUMN last_used_at timestamptz NULL`.execute(db);
    await sql`
      CREATE TABLE auth.api_key_revocations (
        id bigserial PRIMARY KEY,
        api_key_id uuid NOT NULL UNIQUE,
        key_hash text NOT NULL,
        revoked_at timestamptz NOT NULL
      )`.execute(db);
    // Every path that revokes a key (the admin route, or an operator's UPDATE) feeds the gateway. The lock
    // makes ids commit in order, so a reader that has seen id N can never later miss a smaller id.
    await sql`
      CREATE FUNCTION auth.feed_api_key_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.revoked_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.revoked_at IS NULL) THEN
          PERFORM pg_advisory_xact_lock(hashtext('auth.api_key_revocations'));
          INSERT INTO auth.api_key_revocations (api_key_id, key_hash, revoked_at)
          VALUES (NEW.id, NEW.key_hash, NEW.revoked_at)
          ON CONFLICT (api_key_id) DO NOTHING;
        END IF;
        RETURN NEW;
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER api_keys_feed_revocation AFTER INSERT OR UPDATE OF revoked_at ON auth.api_keys
      FOR EACH ROW EXECUTE FUNCTION auth.feed_api_key_revocation()`.execute(db);
    await sql`
      INSERT INTO auth.api_key_revocations (api_key_id, key_hash, revoked_at)
      SELECT id, key_hash, revoked_at FROM auth.api_keys WHERE revoked_at IS NOT NULL ORDER BY revoked_at`.execute(
      db,
    );

    await sql`
      CREATE TABLE auth.login_throttle (
        email text PRIMARY KEY,
        failures integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until timestamptz NULL
      )`.execute(db);

    await sql`
      CREATE TABLE auth.audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'client', 'system', 'anonymous')),
        actor_id text NULL,
        actor_email text NULL,
        tenant_id text NULL,
        action text NOT NULL,
        target_type text NULL,
        target_id text NULL,
        result text NOT NULL CHECK (result IN ('success', 'failure')),
        reason text NULL,
        ip text NULL,
        details jsonb NOT NULL DEFAULT '{}'
      )`.execute(db);
    await sql`CREATE INDEX audit_log_tenant_idx ON auth.audit_log (tenant_id, id)`.execute(db);
    await sql`CREATE INDEX audit_log_action_idx ON auth.audit_log (action, id)`.execute(db);
    await sql`
      CREATE FUNCTION auth.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'auth.audit_log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON auth.audit_log
      FOR EACH ROW EXECUTE FUNCTION auth.audit_log_is_append_only()`.execute(db);
    await sql`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON auth.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION auth.audit_log_is_append_only()`.execute(db);
    // Only the owner could still bypass the trigger (by dropping it); other roles get INSERT/SELECT at most.
    await sql`REVOKE UPDATE, DELETE, TRUNCATE ON auth.audit_log FROM PUBLIC`.execute(db);
  },
  async down(db) {
    await sql`DROP TABLE auth.audit_log`.execute(db);
    await sql`DROP FUNCTION auth.audit_log_is_append_only()`.execute(db);
    await sql`DROP TABLE auth.login_throttle`.execute(db);
    await sql`DROP TRIGGER api_keys_feed_revocation ON auth.api_keys`.execute(db);
    await sql`DROP FUNCTION auth.feed_api_key_revocation()`.execute(db);
    await sql`DROP TABLE auth.api_key_revocations`.execute(db);
    await sql`ALTER TABLE auth.api_keys DROP COLUMN name, DROP COLUMN created_by, DROP COLUMN last_used_at`.execute(
      db,
    );
    await sql`DROP TABLE auth.clients`.execute(db);
    await sql`DROP TABLE auth.refresh_tokens`.execute(db);
    await sql`DROP TABLE auth.local_key_encryption_key`.execute(db);
    await sql`DROP INDEX auth.signing_keys_one_active`.execute(db);
    await sql`
      ALTER TABLE auth.signing_keys DROP COLUMN state, DROP COLUMN retired_at, DROP COLUMN publish_until,
        DROP COLUMN private_jwk_enc`.execute(db);
    await sql`DROP INDEX auth.users_tenant_idx`.execute(db);
    await sql`ALTER TABLE auth.users DROP COLUMN disabled_at, DROP COLUMN created_by`.execute(db);
  },
};
