import type { Kysely } from 'kysely';
import { DEMO_TENANTS } from '@sightline/contracts';
import type { GatewayDatabase } from '../db/GatewayDatabase';

/** seedDemoTenants upserts the demo tenants; an operator's rps_override survives a restart. */
export async function seedDemoTenants(db: Kysely<GatewayDatabase>): Promise<void> {
  await db
    .insertInto('gateway.tenants')
    .values(DEMO_TENANTS.map((t) => ({ id: t.id, name: t.name, tier: t.tier, timezone: t.timezone })))
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        tier: eb.ref('excluded.tier'),
        timezone: eb.ref('excluded.timezone'),
      })),
    )
    .execute();
}
