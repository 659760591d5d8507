import type { Tier } from '@sightline/contracts';
import type { LimitCheck } from '../limiter/LimitCheck';
import type { PolicyInfo } from '../limiter/rateLimitHeaders';
import type { IpMatcher } from '../net/IpMatcher';

/** GatewayTenant is a tenant as the proxy needs it. */
export interface GatewayTenant {
  id: string;
  name: string;
  tier: Tier;
  timezone: string;
  /** Shadow mode: limits are decided, logged and counted, never enforced. */
  shadow: boolean;
}

/** LimitPlan is every limit of one kind of request, ready for the limiter and the response headers. */
export interface LimitPlan {
  check: LimitCheck;
  policies: PolicyInfo[];
  /** The RateLimit-Policy field value listing every policy. */
  policyHeader: string;
}

/** IpPlan is the limit plan of an IP-limited endpoint class; keys are completed per client address. */
export interface IpPlan {
  /** Key suffixes after the `{ip:<address>}` hash tag. */
  suffixes: string[];
  limits: number[];
  windowsMs: number[];
  policies: PolicyInfo[];
  policyHeader: string;
}

/** TenantEntry is a tenant with its plan per endpoint class. */
export interface TenantEntry {
  tenant: GatewayTenant;
  plans: Map<string, LimitPlan>;
}

/** LimitConfig is one immutable snapshot of every limit the gateway applies; reloads swap it whole. */
export interface LimitConfig {
  tenants: Map<string, TenantEntry>;
  ipPlans: Map<string, IpPlan>;
  allowCidrs: IpMatcher;
  /** User-agent prefixes whose traffic bypasses limits. */
  allowAgents: string[];
  /** Epoch ms at which the soonest active emergency adjustment expires. */
  nextExpiry: number | undefined;
}
