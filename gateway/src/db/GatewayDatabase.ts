import type { ColumnType, Generated } from 'kysely';

/** TenantRow is a row of gateway.tenants. */
export interface TenantRow {
  id: string;
  name: string;
  tier: 'free' | 'pro' | 'enterprise';
  timezone: string;
  rps_override: number | null;
  created_at: ColumnType<Date, never, never> & Generated<Date>;
}

/** GatewayDatabase is the typed shape of the gateway's Postgres schema. */
export interface GatewayDatabase {
  'gateway.tenants': TenantRow;
}
