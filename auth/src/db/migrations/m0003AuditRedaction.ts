import type { Migration } from 'kysely';
import { sql } from 'kysely';

/**
 * m0003AuditRedaction lets the right to erasure redact the audit log without making it editable: inside a
 * transaction that has set `sightline.audit_redaction = 'on'` (SET LOCAL), an UPDATE may clear actor_email and ip
 * and rewrite details, and nothing else. Who did what, when and with what result stays as it was; DELETE and
 * TRUNCATE stay refused.
 */
export const m0003AuditRedaction: Migration = {
  async up(db) {
    await sql`
      CREATE OR REPLACE FUNCTION auth.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
          AND current_setting('sightline.audit_redaction', true) = 'on'
          AND NEW.actor_email IS NULL AND NEW.ip IS NULL
          AND (NEW.id, NEW.at, NEW.actor_type, NEW.actor_id, NEW.tenant_id, NEW.action, NEW.target_type,
               NEW.target_id, NEW.result, NEW.reason)
              IS NOT DISTINCT FROM
              (OLD.id, OLD.at, OLD.actor_type, OLD.actor_id, OLD.tenant_id, OLD.action, OLD.target_type,
               OLD.target_id, OLD.result, OLD.reason)
        THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'auth.audit_log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`.execute(db);
  },
  async down(db) {
    await sql`
      CREATE OR REPLACE FUNCTION auth.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'auth.audit_log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`.execute(db);
  },
};
