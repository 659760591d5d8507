import type { ApiKeyVerifyResponse } from '@sightline/contracts';
import type { Kysely } from 'kysely';
import type { AuthDatabase } from '../db/AuthDatabase';
import { hashApiKey } from './hashApiKey';

/** verifyApiKey looks a key up by its hash; an unknown or revoked key is `valid: false`. */
export async function verifyApiKey(db: Kysely<AuthDatabase>, key: string): Promise<ApiKeyVerifyResponse> {
  const row = await db
    .selectFrom('auth.api_keys')
    .select(['id', 'tenant_id', 'revoked_at'])
    .where('key_hash', '=', hashApiKey(key))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return { valid: false };
  return { valid: true, tenantId: row.tenant_id, keyId: row.id };
}
