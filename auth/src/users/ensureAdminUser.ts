import type { Kysely } from 'kysely';
import type { AuthDatabase } from '../db/AuthDatabase';
import { hashPassword } from '../passwords/hashPassword';

/** ensureAdminUser creates the platform super_admin (tenant null) if no user has that email; it never resets a password. */
export async function ensureAdminUser(
  db: Kysely<AuthDatabase>,
  email: string,
  password: string,
): Promise<boolean> {
  const normalized = email.trim().toLowerCase();
  const existing = await db
    .selectFrom('auth.users')
    .select('id')
    .where('email', '=', normalized)
    .executeTakeFirst();
  if (existing) return false;
  const result = await db
    .insertInto('auth.users')
    .values({
      email: normalized,
      password_hash: await hashPassword(password),
      tenant_id: null,
      roles: ['super_admin'],
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
