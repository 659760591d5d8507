import { z } from 'zod';

/** Tier is a tenant's contract tier. */
export const Tier = z.enum(['free', 'pro', 'enterprise']);
/** Tier is a tenant's contract tier. */
export type Tier = z.infer<typeof Tier>;

/** TierDefaults holds each tier's availability objective and default request limits. */
export const TierDefaults: Record<
  Tier,
  {
    availabilityObjective: number;
    latencyP99Ms: number;
    requestsPerSecond: number;
    requestsPerMinute: number;
  }
> = {
  free: { availabilityObjective: 0.99, latencyP99Ms: 1000, requestsPerSecond: 10, requestsPerMinute: 300 },
  pro: { availabilityObjective: 0.999, latencyP99Ms: 500, requestsPerSecond: 50, requestsPerMinute: 2000 },
  enterprise: {
    availabilityObjective: 0.9995,
    latencyP99Ms: 300,
    requestsPerSecond: 200,
    requestsPerMinute: 10000,
  },
};
