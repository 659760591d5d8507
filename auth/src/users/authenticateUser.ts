import type { Kysely } from 'kysely';
import type { AuthDatabase } from '../db/AuthDatabase';
import { hashPassword } from '../passwords/hashPassword';
import { needsRehash } from '../passwords/needsRehash';
import { PasswordHashBusyError } from '../passwords/PasswordHashLimiter';
import { verifyPassword } from '../passwords/verifyPassword';
import { knownRoles } from './knownRoles';
import type { AccessTokenSubject } from '../tokens/issueAccessToken';

// Checked when the email is unknown, so an unknown user costs the same scrypt work as a wrong password.
let decoyHash: Promise<string> | undefined;

/** decoy returns the decoy hash, making it first (kept only once made: one refused by a busy limiter is made again). */
function decoy(): Promise<string> {
  decoyHash ??= hashPassword('sightline-decoy-password').catch((err: unknown) => {
    decoyHash = undefined;
    throw err;
  });
  return decoyHash;
}

/**
 * prepareDecoyHash makes the decoy hash at start-up, so no login pays for it (and none waits behind it for a slot
 * of the password-hash limiter).
 */
export async function prepareDecoyHash(): Promise<void> {
  await decoy();
}

/** AuthenticatedUser is a user whose password matched. */
export type AuthenticatedUser = AccessTokenSubject & { email: string };

/** AuthenticationResult says who logged in, or why not (the reason is for the audit log, never the client). */
export type AuthenticationResult =
  | { ok: true; user: AuthenticatedUser }
  | {
      ok: false;
      reason: 'unknown_user' | 'wrong_password' | 'disabled';
      userId?: string;
      tenantId?: string | null;
    };

/**
 * authenticateUser checks email and password, taking the same time whether or not the user exists. A hash
 * made with weaker scrypt parameters than today's is replaced after a successful check.
 */
export async function authenticateUser(
  db: Kysely<AuthDatabase>,
  email: string,
  password: string,
): Promise<AuthenticationResult> {
  const row = await db
    .selectFrom('auth.users')
    .select(['id', 'email', 'password_hash', 'tenant_id', 'roles', 'disabled_at'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(password, row?.password_hash ?? (await decoy()));
  if (!row) return { ok: false, reason: 'unknown_user' };
  if (!ok) return { ok: false, reason: 'wrong_password', userId: row.id, tenantId: row.tenant_id };
  if (row.disabled_at !== null)
    return { ok: false, reason: 'disabled', userId: row.id, tenantId: row.tenant_id };
  if (needsRehash(row.password_hash)) {
    // With the hash limiter full the upgrade waits for a later login; the password was right, so the login stands.
    const upgraded = await hashPassword(password).catch((err: unknown) => {
      if (err instanceof PasswordHashBusyError) return undefined;
      throw err;
    });
    // Compare-and-set, so a concurrent password change is never overwritten with the old password.
    if (upgraded !== undefined)
      await db
        .updateTable('auth.users')
        .set({ password_hash: upgraded })
        .where('id', '=', row.id)
        .where('password_hash', '=', row.password_hash)
        .execute();
  }
  return { ok: true, user: toSubject(row) };
}

/** toSubject turns a user row into a token subject, dropping any role this version does not know. */
export function toSubject(row: {
  id: string;
  email: string;
  tenant_id: string | null;
  roles: string[];
}): AuthenticatedUser {
  return { id: row.id, email: row.email, tenantId: row.tenant_id, roles: knownRoles(row.roles) };
}
