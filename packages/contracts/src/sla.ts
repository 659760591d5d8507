import { z } from 'zod';
import { Tier } from './tiers';

/** SlaWindow is a window over which an SLA is computed. */
export const SlaWindow = z.enum(['5m', '1h', '1d', '30d']);
/** SlaWindow is a window over which an SLA is computed. */
export type SlaWindow = z.infer<typeof SlaWindow>;

/** SLA_WINDOW_SECONDS gives each SlaWindow's length in seconds. */
export const SLA_WINDOW_SECONDS: Record<SlaWindow, number> = {
  '5m': 300,
  '1h': 3600,
  '1d': 86400,
  '30d': 2592000,
};

/** TenantId is a tenant identifier: lower-case letters, digits, dash and underscore. */
export const TenantId = z
  .string()
  .regex(/^[a-z0-9_][a-z0-9_-]{0,62}$/, 'tenant id must be 1-63 of [a-z0-9_-]');

/** SlaSnapshot is one tenant's SLA over one window. */
export const SlaSnapshot = z.object({
  tenantId: TenantId,
  tier: Tier,
  window: SlaWindow,
  from: z.string().describe('window start, ISO 8601'),
  to: z.string().describe('window end, ISO 8601'),
  requests: z.number().int().nonnegative().describe('requests in the window, rate-limited ones included'),
  errors: z.number().int().nonnegative().describe('5xx responses'),
  rateLimited: z.number().int().nonnegative().describe('429 responses; not counted as errors'),
  availability: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe('1 - errors / (requests - rateLimited); null with no traffic'),
  latencyMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() }),
  objective: z.number().describe("the tier's availability objective"),
  errorBudgetRemaining: z.number().nullable().describe('1 = untouched, 0 = exhausted, negative = overspent'),
  updatedAt: z.string(),
});
/** SlaSnapshot is one tenant's SLA over one window. */
export type SlaSnapshot = z.infer<typeof SlaSnapshot>;

/** Tenant is a tenant as the console lists it. */
export const Tenant = z.object({ id: TenantId, name: z.string(), tier: Tier, timezone: z.string() });
/** Tenant is a tenant as the console lists it. */
export type Tenant = z.infer<typeof Tenant>;
