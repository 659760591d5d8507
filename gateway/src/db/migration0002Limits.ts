import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';

// Defaults per tier: the global windows mirror TierDefaults; endpoint classes refine them.
const TIER_SEED = `
insert into gateway.tiers (tier, per_second, per_minute, class_limits) values
  ('free', 10, 300, '{"auth":{"perSecond":2,"perMinute":10},"data":{"perSecond":10,"perMinute":300}}'),
  ('pro', 50, 2000, '{"auth":{"perSecond":5,"perMinute":30},"data":{"perSecond":50,"perMinute":2000}}'),
  ('enterprise', 200, 10000, '{"auth":{"perSecond":10,"perMinute":60},"data":{"perSecond":200,"perMinute":10000}}')
on conflict (tier) do nothing;
insert into gateway.ip_limits (endpoint_class, per_second, per_minute) values
  ('auth', 5, 20),
  ('*', 20, 600)
on conflict (endpoint_class) do nothing;
`;

/**
 * migration0002Limits adds the rate-limit configuration (tiers, overrides, emergency adjustments, allowlists,
 * IP limits, shadow mode), the append-only config audit, and a trigger on every config table that NOTIFYs
 * `gateway_config` in the changing transaction, so replicas reload right after it commits.
 */
export const migration0002Limits: Migration = {
  async up(db: Kysely<unknown>) {
    await sql
      .raw(
        `
create table gateway.tiers (
  tier text primary key check (tier in ('free', 'pro', 'enterprise')),
  per_second integer check (per_second is null or per_second >= 0),
  per_minute integer check (per_minute is null or per_minute >= 0),
  class_limits jsonb not null default '{}'::jsonb,
  updated_at timestamptz not null default now()
);
create table gateway.tenant_overrides (
  tenant_id text primary key references gateway.tenants (id) on delete cascade,
  per_second integer check (per_second is null or per_second >= 0),
  per_minute integer check (per_minute is null or per_minute >= 0),
  class_limits jsonb not null default '{}'::jsonb,
  reason text not null default '',
  updated_at timestamptz not null default now()
);
create table gateway.emergency_adjustments (
  id bigserial primary key,
  tenant_id text references gateway.tenants (id) on delete cascade,
  endpoint_class text,
  multiplier double precision check (multiplier is null or multiplier >= 0),
  per_second integer check (per_second is null or per_second >= 0),
  per_minute integer check (per_minute is null or per_minute >= 0),
  reason text not null check (length(reason) > 0),
  expires_at timestamptz not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  check ((multiplier is not null) <> (per_second is not null or per_minute is not null))
);
create index emergency_adjustments_expires on gateway.emergency_adjustments (expires_at);
create table gateway.allowlist (
  id bigserial primary key,
  kind text not null check (kind in ('cidr', 'user_agent')),
  value text not null,
  reason text not null default '',
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (kind, value)
);
create table gateway.ip_limits (
  endpoint_class text primary key,
  per_second integer check (per_second is null or per_second >= 0),
  per_minute integer check (per_minute is null or per_minute >= 0)
);
alter table gateway.tenants add column shadow_mode boolean not null default false;

create table gateway.config_audit (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor text not null,
  actor_email text,
  action text not null,
  entity text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  client_ip text,
  result text not null
);
create function gateway.config_audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'gateway.config_audit is append-only';
end $$;
create trigger config_audit_append_only before update or delete or truncate on gateway.config_audit
  for each statement execute function gateway.config_audit_append_only();

create function gateway.notify_config_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('gateway_config', tg_table_name);
  return null;
end $$;
create trigger tenants_notify after insert or update or delete on gateway.tenants
  for each statement execute function gateway.notify_config_change();
create trigger tiers_notify after insert or update or delete on gateway.tiers
  for each statement execute function gateway.notify_config_change();
create trigger tenant_overrides_notify after insert or update or delete on gateway.tenant_overrides
  for each statement execute function gateway.notify_config_change();
create trigger emergency_adjustments_notify after insert or update or delete on gateway.emergency_adjustments
  for each statement execute function gateway.notify_config_change();
create trigger allowlist_notify after insert or update or delete on gateway.allowlist
  for each statement execute function gateway.notify_config_change();
create trigger ip_limits_notify after insert or update or delete on gateway.ip_limits
  for each statement execute function gateway.notify_config_change();
${TIER_SEED}
`,
      )
      .execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql
      .raw(
        `
drop table gateway.config_audit;
drop function gateway.config_audit_append_only();
drop trigger tenants_notify on gateway.tenants;
drop table gateway.ip_limits, gateway.allowlist, gateway.emergency_adjustments, gateway.tenant_overrides, gateway.tiers;
drop function gateway.notify_config_change();
alter table gateway.tenants drop column shadow_mode;
`,
      )
      .execute(db);
  },
};
