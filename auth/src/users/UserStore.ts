import type { Role } from '@sightline/contracts';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { AuthDatabase } from '../db/AuthDatabase';
import { hashPassword } from '../passwords/hashPassword';
import { knownRoles } from './knownRoles';

/** UserSummary is a user as admins see it; the password hash never leaves the store. */
export interface UserSummary {
  id: string;
  email: string;
  tenantId: string | null;
  roles: Role[];
  createdAt: string;
  createdBy: string | null;
  disabledAt: string | null;
}

/** DuplicateEmailError is raised when a user with that email already exists. */
export class DuplicateEmailError extends Error {
  override readonly name = 'DuplicateEmailError';
}

/** UserStore creates, lists and disables console users. */
export class UserStore {
  constructor(private readonly db: Kysely<AuthDatabase>) {}

  /** create adds a user with a fresh scrypt hash; a taken email is DuplicateEmailError. */
  async create(
    input: { email: string; password: string; tenantId: string | null; roles: Role[]; createdBy: string },
    db: Kysely<AuthDatabase> = this.db,
  ): Promise<UserSummary> {
    const row = await db
      .insertInto('auth.users')
      .values({
        email: input.email.trim().toLowerCase(),
        password_hash: await hashPassword(input.password),
        tenant_id: input.tenantId,
        roles: input.roles,
        created_by: input.createdBy,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new DuplicateEmailError('a user with this email already exists');
    return summary(row);
  }

  /** find returns one user, or undefined. */
  async find(id: string): Promise<UserSummary | undefined> {
    const row = await this.db
      .selectFrom('auth.users')
      .selectAll()
      .where(sql<boolean>`id::text = ${id}`)
      .executeTakeFirst();
    return row ? summary(row) : undefined;
  }

  /** list returns users of one tenant, or every user when tenantId is undefined (platform users have null). */
  async list(tenantId: string | undefined): Promise<UserSummary[]> {
    let query = this.db.selectFrom('auth.users').selectAll();
    if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
    const rows = await query.orderBy('created_at').orderBy('email').execute();
    return rows.map(summary);
  }

  /** disable marks the user disabled; false when already disabled. */
  async disable(id: string, db: Kysely<AuthDatabase> = this.db): Promise<boolean> {
    const result = await db
      .updateTable('auth.users')
      .set({ disabled_at: sql<Date>`now()` })
      .where(sql<boolean>`id::text = ${id}`)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** isActive is true when the user exists and is not disabled (checked for tokens on admin routes). */
  async isActive(id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('auth.users')
      .select('disabled_at')
      .where(sql<boolean>`id::text = ${id}`)
      .executeTakeFirst();
    return row !== undefined && row.disabled_at === null;
  }
}

function summary(row: {
  id: string;
  email: string;
  tenant_id: string | null;
  roles: string[];
  created_at: Date;
  created_by: string | null;
  disabled_at: Date | null;
}): UserSummary {
  return {
    id: row.id,
    email: row.email,
    tenantId: row.tenant_id,
    roles: knownRoles(row.roles),
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    disabledAt: row.disabled_at?.toISOString() ?? null,
  };
}
