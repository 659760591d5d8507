import { LATENCY_BUCKETS_MS, Tier, TierDefaults } from '@sightline/contracts';
import { z } from 'zod';
import type { SloDefinition } from '../SloDefinition';
import { SLI_WINDOWS, SLO_PERIODS } from '../windows';
import type { SliWindow } from '../windows';
import { SloSpecError } from './SloSpecError';

// This mirrors rules/src/specs/parseTenantsSpec.ts until that parser moves to a shared package (ADR 0008);
// test/specParity.test.ts checks the result against the rules generated from the same file.

/** BURN_ALERT_NAME is the alertname of every burn-rate alert of a tier-contract SLO. */
export const BURN_ALERT_NAME = 'SloErrorBudgetBurn';
/** DEFAULT_MIN_EVENTS is the low-traffic guard when a spec sets none. */
export const DEFAULT_MIN_EVENTS = 10;
/** LATENCY_SLO_OBJECTIVE_PERCENT is the share of requests every tier promises under its p99 bound. */
export const LATENCY_SLO_OBJECTIVE_PERCENT = 99;

const ObjectivePercent = z
  .number()
  .gt(0, 'must be above 0')
  .lt(100, 'must be below 100 (an SLO of 100 % leaves no error budget)');
const Period = z.enum(SLO_PERIODS, { message: `must be one of ${SLO_PERIODS.join(', ')}` });
const MinEvents = z.union([
  z.number().int().nonnegative(),
  z
    .partialRecord(z.enum(SLI_WINDOWS), z.number().int().nonnegative())
    .refine((r) => Object.keys(r).length > 0, { message: 'must name at least one window' }),
]);
const Override = z.strictObject({
  objective: ObjectivePercent.optional(),
  period: Period.optional(),
  minEvents: MinEvents.optional(),
  disabled: z.boolean().optional(),
});

/** TenantsSpec is the `sightline/v1` `TenantSLOs` document: every tenant, its tier and its overrides. */
export const TenantsSpec = z.strictObject({
  apiVersion: z.literal('sightline/v1'),
  kind: z.literal('TenantSLOs'),
  defaults: z.strictObject({ minEvents: MinEvents.optional() }).optional(),
  tenants: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9_][a-z0-9_-]{0,62}$/, 'tenant id must be 1-63 of [a-z0-9_-]'),
        tier: Tier,
        overrides: z
          .strictObject({
            availability: Override.optional(),
            latency: Override.extend({ thresholdMs: z.number().positive().optional() }).optional(),
          })
          .optional(),
      }),
    )
    .min(1, 'list at least one tenant'),
});

type MinEventsValue = z.infer<typeof MinEvents>;

/** parseTenantSlos gives each tenant its tier's availability and latency SLOs with its overrides applied. */
export function parseTenantSlos(doc: unknown, file: string): SloDefinition[] {
  const parsed = TenantsSpec.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SloSpecError(file, formatPath(issue.path), issue.message);
  }
  const spec = parsed.data;
  const base = resolveMinEvents(spec.defaults?.minEvents, uniform(DEFAULT_MIN_EVENTS));
  const seen = new Set<string>();
  const out: SloDefinition[] = [];
  spec.tenants.forEach((tenant, i) => {
    if (seen.has(tenant.id))
      throw new SloSpecError(file, `tenants[${i}].id`, `tenant ${tenant.id} is listed twice`);
    seen.add(tenant.id);
    const tier = TierDefaults[tenant.tier];
    const contract = {
      availability: { objectivePercent: Number((tier.availabilityObjective * 100).toPrecision(12)) },
      latency: { objectivePercent: LATENCY_SLO_OBJECTIVE_PERCENT },
    };
    for (const name of ['availability', 'latency'] as const) {
      const override = tenant.overrides?.[name];
      if (override?.disabled) continue;
      const objectivePercent = override?.objective ?? contract[name].objectivePercent;
      const common = {
        tenant: tenant.id,
        slo: name,
        service: 'gateway',
        objective: Number((objectivePercent / 100).toPrecision(12)),
        period: override?.period ?? ('30d' as const),
        minEvents: resolveMinEvents(override?.minEvents, base),
        alertName: BURN_ALERT_NAME,
        source: file,
      };
      if (name === 'availability') {
        out.push({
          ...common,
          description: `${tenant.id} (${tenant.tier}): ${objectivePercent} % of requests answered without a 5xx; 429s are not counted.`,
          sli: { kind: 'availability' },
        });
        continue;
      }
      const thresholdMs =
        (override && 'thresholdMs' in override ? override.thresholdMs : undefined) ?? tier.latencyP99Ms;
      // The largest bound at or under the threshold: between bounds the SLO is measured stricter, never looser.
      const boundMs = [...LATENCY_BUCKETS_MS].reverse().find((b) => b <= thresholdMs);
      if (boundMs === undefined)
        throw new SloSpecError(
          file,
          `tenants[${i}].overrides.latency.thresholdMs`,
          `${thresholdMs} ms is under the smallest gateway histogram bucket`,
        );
      out.push({
        ...common,
        description: `${tenant.id} (${tenant.tier}): ${objectivePercent} % of requests under ${thresholdMs} ms (measured at the ${boundMs} ms bucket).`,
        sli: { kind: 'latency', thresholdMs, boundMs },
      });
    }
  });
  return out;
}

function uniform(n: number): Record<SliWindow, number> {
  return Object.fromEntries(SLI_WINDOWS.map((w) => [w, n])) as Record<SliWindow, number>;
}

function resolveMinEvents(
  value: MinEventsValue | undefined,
  base: Record<SliWindow, number>,
): Record<SliWindow, number> {
  if (value === undefined) return { ...base };
  if (typeof value === 'number') return uniform(value);
  return { ...base, ...value };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}
