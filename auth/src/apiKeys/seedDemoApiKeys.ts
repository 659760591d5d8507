import type { DemoTenant } from '@sightline/contracts';
import type { Kysely } from 'kysely';
import type { AuthDatabase } from '../db/AuthDatabase';
import { apiKeyPrefix, hashApiKey } from './hashApiKey';

/** seedDemoApiKeys stores each demo tenant's published demo key, once; it returns how many were new. */
export async function seedDemoApiKeys(
  db: Kysely<AuthDatabase>,
  tenants: readonly DemoTenant[],
): Promise<number> {
  if (tenants.length === 0) return 0;
  const result = await db
    .insertInto('auth.api_keys')
    .values(
      tenants.map((t) => ({
        tenant_id: t.id,
        prefix: apiKeyPrefix(t.demoApiKey),
        key_hash: hashApiKey(t.demoApiKey),
        revoked_at: null,
      })),
    )
    .onConflict((oc) => oc.column('key_hash').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
