import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { AuditLog } from '../audit/AuditLog';
import type { AuthDatabase } from '../db/AuthDatabase';

/**
 * eraseTenantUsers is auth's part of the right to erasure for one tenant, in one transaction:
 * - the tenant's users are deleted (their refresh tokens go with them, by cascade), and so are the lockout rows of
 *   their e-mail addresses;
 * - the audit log keeps every event, but events of the tenant, by its users or naming their addresses lose the
 *   actor's e-mail, the client IP and the addresses inside details (the database allows exactly that redaction,
 *   migration 0003);
 * - one `tenant.personal_data_erase` event records who asked and how many rows changed, without any erased value.
 * Tenant API keys and OAuth clients are credentials, not personal data, and stay. Running it again erases nothing
 * more and records another event.
 */
export async function eraseTenantUsers(
  db: Kysely<AuthDatabase>,
  audit: AuditLog,
  tenantId: string,
  requestedBy: string,
): Promise<Record<string, number>> {
  return db.transaction().execute(async (trx) => {
    const users = await trx
      .selectFrom('auth.users')
      .select(['id', 'email'])
      .where('tenant_id', '=', tenantId)
      .forUpdate()
      .execute();
    const ids = users.map((u) => u.id);
    const emails = users.map((u) => u.email);

    await sql`SET LOCAL sightline.audit_redaction = 'on'`.execute(trx);
    const redacted = await sql`
      UPDATE auth.audit_log SET
        actor_email = NULL,
        ip = NULL,
        details = COALESCE(
          (SELECT jsonb_object_agg(key, CASE WHEN value #>> '{}' = ANY(${emails}::text[]) THEN '"[erased]"'::jsonb ELSE value END)
             FROM jsonb_each(details)),
          '{}'::jsonb)
      WHERE tenant_id = ${tenantId}
         OR actor_id = ANY(${ids}::text[])
         OR actor_email = ANY(${emails}::text[])
         OR details ->> 'email' = ANY(${emails}::text[])`.execute(trx);

    const throttles =
      emails.length === 0
        ? { numDeletedRows: 0n }
        : await trx.deleteFrom('auth.login_throttle').where('email', 'in', emails).executeTakeFirst();
    const sessions =
      ids.length === 0
        ? { numDeletedRows: 0n }
        : await trx.deleteFrom('auth.refresh_tokens').where('user_id', 'in', ids).executeTakeFirst();
    const deletedUsers = await trx
      .deleteFrom('auth.users')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();

    const counts = {
      users: Number(deletedUsers.numDeletedRows),
      refresh_tokens: Number(sessions.numDeletedRows),
      login_throttle: Number(throttles.numDeletedRows),
      audit_log_redacted: Number(redacted.numAffectedRows ?? 0n),
    };
    await audit.record(
      {
        actor: { type: 'user', id: requestedBy },
        action: 'tenant.personal_data_erase',
        tenantId,
        target: { type: 'tenant', id: tenantId },
        result: 'success',
        details: counts,
      },
      trx,
    );
    return counts;
  });
}
