import { Role } from '@sightline/contracts';
import type { Kysely } from 'kysely';
import type { AuthDatabase } from '../db/AuthDatabase';
import { hashPassword } from '../passwords/hashPassword';
import { verifyPassword } from '../passwords/verifyPassword';
import type { AccessTokenSubject } from '../tokens/issueAccessToken';

// Checked when the email is unknown, so an unknown user costs the same scrypt work as a wrong password.
let decoyHash: Promise<string> | undefined;

/** authenticateUser returns the user when email and password match, else null, taking the same time either way. */
export async function authenticateUser(
  db: Kysely<AuthDatabase>,
  email: string,
  password: string,
): Promise<AccessTokenSubject | null> {
  const row = await db
    .selectFrom('auth.users')
    .select(['id', 'email', 'password_hash', 'tenant_id', 'roles'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  decoyHash ??= hashPassword('sightline-decoy-password');
  const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash));
  if (!row || !ok) return null;
  const roles = row.roles.flatMap((r) => {
    const parsed = Role.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  return { id: row.id, email: row.email, tenantId: row.tenant_id, roles };
}
