import type { ColumnType, Generated } from 'kysely';
import type { Tier } from '@sightline/contracts';

/** ClassLimitsJson maps an endpoint class to its per-window limits, as stored in jsonb columns. */
export type ClassLimitsJson = Record<string, { perSecond?: number | null; perMinute?: number | null }>;

type CreatedAt = ColumnType<Date, never, never> & Generated<Date>;
type Json<T> = ColumnType<T, string, string>;

/** TenantRow is a row of gateway.tenants. */
export interface TenantRow {
  id: string;
  name: string;
  tier: Tier;
  timezone: string;
  /** Legacy per-second override from 0001; tenant_overrides.per_second wins over it. */
  rps_override: number | null;
  shadow_mode: Generated<boolean>;
  created_at: CreatedAt;
}

/** TierRow is a row of gateway.tiers: a tier's default limits, inherited by its tenants. */
export interface TierRow {
  tier: Tier;
  per_second: number | null;
  per_minute: number | null;
  class_limits: Json<ClassLimitsJson>;
  updated_at: ColumnType<Date, string | undefined, string>;
}

/** TenantOverrideRow is a row of gateway.tenant_overrides: a super-admin's limits for one tenant. */
export interface TenantOverrideRow {
  tenant_id: string;
  per_second: number | null;
  per_minute: number | null;
  class_limits: Json<ClassLimitsJson>;
  reason: string;
  updated_at: ColumnType<Date, string | undefined, string>;
}

/** EmergencyAdjustmentRow is a row of gateway.emergency_adjustments: a temporary multiplier or absolute limit. */
export interface EmergencyAdjustmentRow {
  id: Generated<string>;
  tenant_id: string | null;
  endpoint_class: string | null;
  multiplier: number | null;
  per_second: number | null;
  per_minute: number | null;
  reason: string;
  expires_at: ColumnType<Date, string, string>;
  created_by: string;
  created_at: CreatedAt;
}

/** AllowlistRow is a row of gateway.allowlist: traffic that bypasses limits (and is still counted). */
export interface AllowlistRow {
  id: Generated<string>;
  kind: 'cidr' | 'user_agent';
  value: string;
  reason: string;
  created_by: string;
  created_at: CreatedAt;
}

/** IpLimitRow is a row of gateway.ip_limits: per-client-IP limits of an endpoint class ('*' = any other). */
export interface IpLimitRow {
  endpoint_class: string;
  per_second: number | null;
  per_minute: number | null;
}

/** ConfigAuditRow is a row of the append-only gateway.config_audit. */
export interface ConfigAuditRow {
  id: Generated<string>;
  at: CreatedAt;
  actor: string;
  actor_email: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json<unknown>;
  after: Json<unknown>;
  client_ip: string | null;
  result: string;
}

/** GatewayDatabase is the typed shape of the gateway's Postgres schema. */
export interface GatewayDatabase {
  'gateway.tenants': TenantRow;
  'gateway.tiers': TierRow;
  'gateway.tenant_overrides': TenantOverrideRow;
  'gateway.emergency_adjustments': EmergencyAdjustmentRow;
  'gateway.allowlist': AllowlistRow;
  'gateway.ip_limits': IpLimitRow;
  'gateway.config_audit': ConfigAuditRow;
}
