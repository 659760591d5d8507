import type { ApiKeyVerifyResponse } from '@sightline/contracts';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { AuthDatabase } from '../db/AuthDatabase';
import { hashApiKey } from './hashApiKey';

/** verifyApiKey looks a key up by its hash; an unknown or revoked key is `valid: false`. */
export async function verifyApiKey(db: Kysely<AuthDatabase>, key: string): Promise<ApiKeyVerifyResponse> {
  const row = await db
    .selectFrom('auth.api_keys')
    .select(['id', 'tenant_id', 'revoked_at', 'last_used_at'])
    .where('key_hash', '=', hashApiKey(key))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return { valid: false };
  // The gateway caches answers, so this runs rarely; a minute's precision keeps writes to one per key.
  if (row.last_used_at === null || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db
      .updateTable('auth.api_keys')
      .set({ last_used_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute();
  }
  return { valid: true, tenantId: row.tenant_id, keyId: row.id };
}
