import type { Tier } from '@sightline/contracts';

/** GatewayTenant is a tenant as the proxy needs it: identity, tier and its effective request limit. */
export interface GatewayTenant {
  id: string;
  name: string;
  tier: Tier;
  timezone: string;
  rpsOverride: number | null;
  /** rps_override, else the tier's default requests per second. */
  requestsPerSecond: number;
}
