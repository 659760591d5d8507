import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { AuthDatabase } from '../db/AuthDatabase';
import { randomToken } from '../tokens/randomToken';
import { hashApiKey } from './hashApiKey';

/** API_KEY_PREFIX starts every generated key; `sl_demo_` keys are the published demo ones. */
export const API_KEY_PREFIX = 'sl_live_';

/** GENERATED_KEY_PREFIX_LENGTH is how much of a generated key is kept in clear: `sl_live_` plus 8 random characters. */
export const GENERATED_KEY_PREFIX_LENGTH = 16;

/** REVOCATIONS_PAGE_SIZE is the most revocations one feed page returns. */
export const REVOCATIONS_PAGE_SIZE = 1000;

/** ApiKeySummary is an API key as admins see it: never the key, never its hash. */
export interface ApiKeySummary {
  id: string;
  tenantId: string;
  prefix: string;
  name: string | null;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** ApiKeyRevocation is one entry of the gateway's revocation feed. */
export interface ApiKeyRevocation {
  id: number;
  keyHash: string;
  revokedAt: string;
}

/** ApiKeyStore creates, lists and revokes tenants' API keys, and serves the revocation feed. */
export class ApiKeyStore {
  constructor(private readonly db: Kysely<AuthDatabase>) {}

  /** create makes a key for the tenant and returns it; only its sha256 is stored. */
  async create(
    input: { tenantId: string; name: string | null; createdBy: string },
    db: Kysely<AuthDatabase> = this.db,
  ): Promise<{ summary: ApiKeySummary; key: string }> {
    const key = randomToken(API_KEY_PREFIX);
    const row = await db
      .insertInto('auth.api_keys')
      .values({
        tenant_id: input.tenantId,
        prefix: key.slice(0, GENERATED_KEY_PREFIX_LENGTH),
        key_hash: hashApiKey(key),
        name: input.name,
        created_by: input.createdBy,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { summary: summary(row), key };
  }

  /** list returns a tenant's keys, newest first, revoked ones included. */
  async list(tenantId: string): Promise<ApiKeySummary[]> {
    const rows = await this.db
      .selectFrom('auth.api_keys')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(summary);
  }

  /** revoke revokes a tenant's key (a trigger adds it to the feed); false when there is no such active key. */
  async revoke(
    tenantId: string,
    id: string,
    db: Kysely<AuthDatabase> = this.db,
  ): Promise<ApiKeySummary | null> {
    const row = await db
      .updateTable('auth.api_keys')
      .set({ revoked_at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId)
      .where(sql<boolean>`id::text = ${id}`)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row ? summary(row) : null;
  }

  /** revocationsAfter returns up to REVOCATIONS_PAGE_SIZE revocations with an id above the cursor, in id order. */
  async revocationsAfter(after: number): Promise<{ revocations: ApiKeyRevocation[]; next: number }> {
    const rows = await this.db
      .selectFrom('auth.api_key_revocations')
      .select(['id', 'key_hash', 'revoked_at'])
      .where(sql<boolean>`id > ${after}`)
      .orderBy('id')
      .limit(REVOCATIONS_PAGE_SIZE)
      .execute();
    const revocations = rows.map((r) => ({
      id: Number(r.id),
      keyHash: r.key_hash,
      revokedAt: r.revoked_at.toISOString(),
    }));
    return { revocations, next: revocations.at(-1)?.id ?? after };
  }
}

function summary(row: {
  id: string;
  tenant_id: string;
  prefix: string;
  name: string | null;
  created_at: Date;
  created_by: string | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}): ApiKeySummary {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    prefix: row.prefix,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
