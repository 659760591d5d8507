import type { Tier } from '@sightline/contracts';
import type { ClassLimitsJson } from '../db/GatewayDatabase';
import type { PolicyInfo } from '../limiter/rateLimitHeaders';
import { IpMatcher } from '../net/IpMatcher';
import type { IpPlan, LimitConfig, LimitPlan, TenantEntry } from './LimitConfig';

/** WindowLimits are the limits of one scope, per window; null means no limit in that window. */
export interface WindowLimits {
  perSecond: number | null;
  perMinute: number | null;
}

/** ConfigRows are the rows of the gateway's config tables that a snapshot is built from. */
export interface ConfigRows {
  tiers: {
    tier: Tier;
    per_second: number | null;
    per_minute: number | null;
    class_limits: ClassLimitsJson;
  }[];
  tenants: {
    id: string;
    name: string;
    tier: Tier;
    timezone: string;
    rps_override: number | null;
    shadow_mode: boolean;
  }[];
  overrides: {
    tenant_id: string;
    per_second: number | null;
    per_minute: number | null;
    class_limits: ClassLimitsJson;
  }[];
  adjustments: {
    id: string;
    tenant_id: string | null;
    endpoint_class: string | null;
    multiplier: number | null;
    per_second: number | null;
    per_minute: number | null;
    expires_at: Date;
  }[];
  allowlist: { kind: 'cidr' | 'user_agent'; value: string }[];
  ipLimits: { endpoint_class: string; per_second: number | null; per_minute: number | null }[];
}

const WINDOWS = [
  { field: 'perSecond', ms: 1_000, suffix: '1s' },
  { field: 'perMinute', ms: 60_000, suffix: '60s' },
] as const;

type Adjustment = ConfigRows['adjustments'][number];

/**
 * buildLimitConfig resolves every tenant's effective limits (tier defaults < legacy rps_override < tenant
 * override < the most specific unexpired emergency adjustment, newest first among equals) into precomputed
 * plans, one per endpoint class, so the hot path only looks a plan up.
 */
export function buildLimitConfig(
  rows: ConfigRows,
  classes: { tenant: readonly string[]; ip: readonly string[] },
  nowMs: number,
): LimitConfig {
  const active = rows.adjustments
    .filter((a) => a.expires_at.getTime() > nowMs)
    .sort((a, b) => Number(b.id) - Number(a.id));
  const tiers = new Map(rows.tiers.map((t) => [t.tier, t]));
  const overrides = new Map(rows.overrides.map((o) => [o.tenant_id, o]));

  const tenants = new Map<string, TenantEntry>();
  for (const t of rows.tenants) {
    const tier = tiers.get(t.tier);
    const o = overrides.get(t.id);
    const global = adjust(
      {
        perSecond: o?.per_second ?? t.rps_override ?? tier?.per_second ?? null,
        perMinute: o?.per_minute ?? tier?.per_minute ?? null,
      },
      pickAdjustment(active, t.id, null),
    );
    const plans = new Map<string, LimitPlan>();
    for (const c of classes.tenant) {
      const fromTier = tier?.class_limits[c];
      const fromOverride = o?.class_limits[c];
      const limits = adjust(
        {
          perSecond: fromOverride?.perSecond ?? fromTier?.perSecond ?? null,
          perMinute: fromOverride?.perMinute ?? fromTier?.perMinute ?? null,
        },
        pickAdjustment(active, t.id, c),
      );
      plans.set(c, tenantPlan(t.id, global, c, limits));
    }
    tenants.set(t.id, {
      tenant: { id: t.id, name: t.name, tier: t.tier, timezone: t.timezone, shadow: t.shadow_mode },
      plans,
    });
  }

  const ipRows = new Map(rows.ipLimits.map((r) => [r.endpoint_class, r]));
  const ipPlans = new Map<string, IpPlan>();
  for (const c of classes.ip) {
    const r = ipRows.get(c) ?? ipRows.get('*');
    const limits = adjust(
      { perSecond: r?.per_second ?? null, perMinute: r?.per_minute ?? null },
      pickAdjustment(active, null, c),
    );
    ipPlans.set(c, ipPlan(c, limits));
  }

  const expiries = active.map((a) => a.expires_at.getTime());
  return {
    tenants,
    ipPlans,
    allowCidrs: new IpMatcher(rows.allowlist.filter((a) => a.kind === 'cidr').map((a) => a.value)),
    allowAgents: rows.allowlist.filter((a) => a.kind === 'user_agent').map((a) => a.value),
    nextExpiry: expiries.length ? Math.min(...expiries) : undefined,
  };
}

// Specificity: an adjustment naming the tenant beats one for all tenants; naming the class beats all classes.
// A class-wide adjustment never touches a tenant's global limit, which belongs to no class.
function pickAdjustment(
  active: Adjustment[],
  tenant: string | null,
  cls: string | null,
): Adjustment | undefined {
  let best: Adjustment | undefined;
  let bestScore = -1;
  for (const a of active) {
    if (a.tenant_id !== null && a.tenant_id !== tenant) continue;
    if (a.endpoint_class !== null && a.endpoint_class !== cls) continue;
    const score = (a.tenant_id !== null ? 2 : 0) + (a.endpoint_class !== null ? 1 : 0);
    if (score > bestScore) {
      best = a;
      bestScore = score;
    }
  }
  return best;
}

function adjust(base: WindowLimits, a: Adjustment | undefined): WindowLimits {
  if (!a) return base;
  if (a.multiplier !== null) {
    const m = a.multiplier;
    return {
      perSecond: base.perSecond === null ? null : Math.floor(base.perSecond * m),
      perMinute: base.perMinute === null ? null : Math.floor(base.perMinute * m),
    };
  }
  return { perSecond: a.per_second ?? base.perSecond, perMinute: a.per_minute ?? base.perMinute };
}

function policy(name: string, type: PolicyInfo['type'], limit: number, windowMs: number): PolicyInfo {
  return { name, type, limit, windowSeconds: windowMs / 1000, rateLimitPrefix: `"${name}";r=` };
}

function policyHeader(policies: PolicyInfo[]): string {
  return policies.map((p) => `"${p.name}";q=${p.limit};w=${p.windowSeconds}`).join(', ');
}

function tenantPlan(tenant: string, global: WindowLimits, cls: string, limits: WindowLimits): LimitPlan {
  const keys: string[] = [];
  const values: number[] = [];
  const windowsMs: number[] = [];
  const policies: PolicyInfo[] = [];
  const tag = `{t:${tenant}}`;
  for (const w of WINDOWS) {
    const v = global[w.field];
    if (v === null) continue;
    keys.push(`${tag}:all:${w.suffix}`);
    values.push(v);
    windowsMs.push(w.ms);
    policies.push(policy(`tenant-${w.suffix}`, 'tenant', v, w.ms));
  }
  for (const w of WINDOWS) {
    const v = limits[w.field];
    if (v === null) continue;
    keys.push(`${tag}:c:${cls}:${w.suffix}`);
    values.push(v);
    windowsMs.push(w.ms);
    policies.push(policy(`${cls}-${w.suffix}`, 'class', v, w.ms));
  }
  return { check: { keys, limits: values, windowsMs }, policies, policyHeader: policyHeader(policies) };
}

function ipPlan(cls: string, limits: WindowLimits): IpPlan {
  const plan: IpPlan = { suffixes: [], limits: [], windowsMs: [], policies: [], policyHeader: '' };
  for (const w of WINDOWS) {
    const v = limits[w.field];
    if (v === null) continue;
    plan.suffixes.push(`:c:${cls}:${w.suffix}`);
    plan.limits.push(v);
    plan.windowsMs.push(w.ms);
    plan.policies.push(policy(`ip-${cls}-${w.suffix}`, 'ip', v, w.ms));
  }
  plan.policyHeader = policyHeader(plan.policies);
  return plan;
}
