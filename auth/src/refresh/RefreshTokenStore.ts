import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { AuthDatabase } from '../db/AuthDatabase';
import { randomToken, sha256Hex } from '../tokens/randomToken';
import type { AuthenticatedUser } from '../users/authenticateUser';
import { toSubject } from '../users/authenticateUser';

/** REFRESH_TOKEN_PREFIX starts every refresh token, so a leaked one is recognisable in a secret scanner. */
export const REFRESH_TOKEN_PREFIX = 'slr_';

/** RefreshTokenStoreOptions configures RefreshTokenStore. */
export interface RefreshTokenStoreOptions {
  /** Lifetime of each token: unused for this long, the session ends. */
  ttlSeconds: number;
  /** Lifetime of a family from its login, however often it is refreshed. */
  familyTtlSeconds: number;
}

/** IssuedRefreshToken is a new refresh token; the token itself is only ever in this value, never stored. */
export interface IssuedRefreshToken {
  token: string;
  expiresIn: number;
  familyId: string;
}

/** RotationOutcome is a rotated token and its user, or why the presented token was refused. */
export type RotationOutcome =
  | ({ ok: true; user: AuthenticatedUser } & IssuedRefreshToken)
  | {
      ok: false;
      reason: 'unknown' | 'expired' | 'revoked' | 'reused' | 'disabled';
      familyId?: string;
      userId?: string;
      tenantId?: string | null;
    };

/**
 * RefreshTokenStore issues opaque refresh tokens in families (one per login) and rotates them: each token
 * works once; presenting a used one again means it was stolen, so the whole family is revoked.
 */
export class RefreshTokenStore {
  constructor(
    private readonly db: Kysely<AuthDatabase>,
    private readonly options: RefreshTokenStoreOptions,
  ) {}

  /** issue starts a new family for the user (at login). */
  async issue(userId: string): Promise<IssuedRefreshToken> {
    const familyId = randomUUID();
    const token = randomToken(REFRESH_TOKEN_PREFIX);
    const { ttlSeconds, familyTtlSeconds } = this.options;
    await this.db
      .insertInto('auth.refresh_tokens')
      .values({
        family_id: familyId,
        user_id: userId,
        token_hash: sha256Hex(token),
        expires_at: sql<Date>`now() + make_interval(secs => ${Math.min(ttlSeconds, familyTtlSeconds)})`,
        family_expires_at: sql<Date>`now() + make_interval(secs => ${familyTtlSeconds})`,
      })
      .execute();
    return { token, familyId, expiresIn: Math.min(ttlSeconds, familyTtlSeconds) };
  }

  /** rotate spends a token and returns its successor; the row lock makes concurrent use count as reuse. */
  async rotate(token: string): Promise<RotationOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('auth.refresh_tokens as r')
        .innerJoin('auth.users as u', 'u.id', 'r.user_id')
        .select([
          'r.id',
          'r.family_id',
          'r.used_at',
          'r.revoked_at',
          'u.id as user_id',
          'u.email',
          'u.tenant_id',
          'u.roles',
          'u.disabled_at',
          sql<boolean>`r.expires_at <= now()`.as('expired'),
          sql<number>`floor(extract(epoch FROM r.family_expires_at - now()))::int`.as('family_left'),
        ])
        .where('r.token_hash', '=', sha256Hex(token))
        .forUpdate('r')
        .executeTakeFirst();
      if (!row) return { ok: false, reason: 'unknown' };
      const who = { familyId: row.family_id, userId: row.user_id, tenantId: row.tenant_id };
      if (row.revoked_at !== null) return { ok: false, reason: 'revoked', ...who };
      if (row.used_at !== null) {
        await revokeFamily(trx, row.family_id);
        return { ok: false, reason: 'reused', ...who };
      }
      if (row.expired || row.family_left <= 0) return { ok: false, reason: 'expired', ...who };
      if (row.disabled_at !== null) {
        await revokeFamily(trx, row.family_id);
        return { ok: false, reason: 'disabled', ...who };
      }
      await trx
        .updateTable('auth.refresh_tokens')
        .set({ used_at: sql<Date>`now()` })
        .where('id', '=', row.id)
        .execute();
      const next = randomToken(REFRESH_TOKEN_PREFIX);
      const expiresIn = Math.min(this.options.ttlSeconds, row.family_left);
      await trx
        .insertInto('auth.refresh_tokens')
        .values({
          family_id: row.family_id,
          user_id: row.user_id,
          token_hash: sha256Hex(next),
          expires_at: sql<Date>`now() + make_interval(secs => ${expiresIn})`,
          family_expires_at: sql<Date>`now() + make_interval(secs => ${row.family_left})`,
        })
        .execute();
      return {
        ok: true,
        token: next,
        expiresIn,
        familyId: row.family_id,
        user: toSubject({ id: row.user_id, email: row.email, tenant_id: row.tenant_id, roles: row.roles }),
      };
    });
  }

  /** revokeFamilyOf ends the session a token belongs to (logout); it returns whose session it was. */
  async revokeFamilyOf(
    token: string,
  ): Promise<{ familyId: string; userId: string; tenantId: string | null; email: string } | undefined> {
    const row = await this.db
      .selectFrom('auth.refresh_tokens as r')
      .innerJoin('auth.users as u', 'u.id', 'r.user_id')
      .select(['r.family_id', 'u.id as user_id', 'u.tenant_id', 'u.email'])
      .where('r.token_hash', '=', sha256Hex(token))
      .executeTakeFirst();
    if (!row) return undefined;
    await revokeFamily(this.db, row.family_id);
    return { familyId: row.family_id, userId: row.user_id, tenantId: row.tenant_id, email: row.email };
  }

  /** revokeUser ends every session of a user (when the user is disabled). */
  async revokeUser(userId: string, db: Kysely<AuthDatabase> = this.db): Promise<void> {
    await db
      .updateTable('auth.refresh_tokens')
      .set({ revoked_at: sql<Date>`now()` })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** prune deletes tokens of families that have ended; used tokens are kept until then to detect reuse. */
  async prune(): Promise<number> {
    const result = await this.db
      .deleteFrom('auth.refresh_tokens')
      .where('family_expires_at', '<', sql<Date>`now()`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

async function revokeFamily(db: Kysely<AuthDatabase>, familyId: string): Promise<void> {
  await db
    .updateTable('auth.refresh_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
}
