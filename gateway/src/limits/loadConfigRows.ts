import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/GatewayDatabase';
import type { ConfigRows } from './buildLimitConfig';

/** loadConfigRows reads every config table in one repeatable-read transaction, so a snapshot is consistent. */
export async function loadConfigRows(db: Kysely<GatewayDatabase>): Promise<ConfigRows> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const tiers = await trx
        .selectFrom('gateway.tiers')
        .select(['tier', 'per_second', 'per_minute', 'class_limits'])
        .execute();
      const tenants = await trx
        .selectFrom('gateway.tenants')
        .select(['id', 'name', 'tier', 'timezone', 'rps_override', 'shadow_mode'])
        .execute();
      const overrides = await trx
        .selectFrom('gateway.tenant_overrides')
        .select(['tenant_id', 'per_second', 'per_minute', 'class_limits'])
        .execute();
      const adjustments = await trx
        .selectFrom('gateway.emergency_adjustments')
        .select(['id', 'tenant_id', 'endpoint_class', 'multiplier', 'per_second', 'per_minute', 'expires_at'])
        .where('expires_at', '>', new Date())
        .execute();
      const allowlist = await trx.selectFrom('gateway.allowlist').select(['kind', 'value']).execute();
      const ipLimits = await trx
        .selectFrom('gateway.ip_limits')
        .select(['endpoint_class', 'per_second', 'per_minute'])
        .execute();
      return { tiers, tenants, overrides, adjustments, allowlist, ipLimits };
    });
}
