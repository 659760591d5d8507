import { z } from 'zod';
import { Tier } from '@sightline/contracts';
import type { SloDefinition } from '../SloDefinition';
import { SpecValidationError } from '../SpecValidationError';
import { defaultAlerting } from './defaultAlerting';
import { latencyBucketFor } from './latencyBucketFor';
import { resolveMinEvents } from './resolveMinEvents';
import { roundObjective } from './roundObjective';
import { MinEvents, ObjectivePercent, Period } from './schemaParts';
import type { TierSloName } from './tierSlos';
import { tierSlos } from './tierSlos';
import { validateSpec } from './validateSpec';

const Override = z.strictObject({
  objective: ObjectivePercent.optional(),
  period: Period.optional(),
  minEvents: MinEvents.optional(),
  disabled: z.boolean().optional(),
});

/** TenantsSpec lists every tenant with its tier, and any overrides of the tier's contract SLOs. */
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

/** GATEWAY_REQUESTS is the gateway counter of answered requests, labelled tenant, route and code. */
export const GATEWAY_REQUESTS = 'gateway_requests_total';
/** GATEWAY_DURATION is the gateway's request-duration histogram, labelled tenant. */
export const GATEWAY_DURATION = 'gateway_request_duration_seconds';

/** parseTenantsSpec gives each tenant its tier's contract SLOs with that tenant's overrides applied. */
export function parseTenantsSpec(doc: unknown, file: string): SloDefinition[] {
  const spec = validateSpec(TenantsSpec, doc, file);
  const seen = new Set<string>();
  const baseMinEvents = resolveMinEvents(spec.defaults?.minEvents);
  const out: SloDefinition[] = [];
  spec.tenants.forEach((tenant, i) => {
    if (seen.has(tenant.id))
      throw new SpecValidationError(file, `tenants[${i}].id`, `tenant ${tenant.id} is listed twice`);
    seen.add(tenant.id);
    const contract = tierSlos(tenant.tier);
    for (const name of ['availability', 'latency'] as const satisfies readonly TierSloName[]) {
      const override = tenant.overrides?.[name];
      if (override?.disabled) continue;
      const objectivePercent = override?.objective ?? contract[name].objectivePercent;
      const base = {
        tenant: tenant.id,
        slo: name,
        service: 'gateway',
        objective: roundObjective(objectivePercent / 100),
        period: override?.period ?? contract[name].period,
        minEvents: resolveMinEvents(override?.minEvents, baseMinEvents),
        alerting: defaultAlerting(),
        source: { kind: 'tier' as const, file },
      };
      const sel = `tenant="${tenant.id}"`;
      if (name === 'availability') {
        out.push({
          ...base,
          description: `${tenant.id} (${tenant.tier}): ${objectivePercent} % of requests answered without a 5xx; 429s are not counted.`,
          sli: {
            errorQuery: `sum(rate(${GATEWAY_REQUESTS}{${sel},code=~"5.."}[{{.window}}])) or vector(0)`,
            totalQuery: `sum(rate(${GATEWAY_REQUESTS}{${sel},code!="429"}[{{.window}}]))`,
          },
          rollupSli: { kind: 'availability' },
        });
      } else {
        const thresholdMs =
          (override && 'thresholdMs' in override ? override.thresholdMs : undefined) ??
          contract.latency.thresholdMs!;
        const bucket = latencyBucketFor(thresholdMs);
        if (!bucket) {
          throw new SpecValidationError(
            file,
            `tenants[${i}].overrides.latency.thresholdMs`,
            `${thresholdMs} ms is under the smallest gateway histogram bucket`,
          );
        }
        const count = `sum(rate(${GATEWAY_DURATION}_count{${sel}}[{{.window}}]))`;
        out.push({
          ...base,
          description: `${tenant.id} (${tenant.tier}): ${objectivePercent} % of requests under ${thresholdMs} ms (measured at the ${bucket.boundMs} ms bucket).`,
          sli: {
            errorQuery: `${count} - sum(rate(${GATEWAY_DURATION}_bucket{${sel},le="${bucket.le}"}[{{.window}}]))`,
            totalQuery: count,
          },
          rollupSli: { kind: 'latency', thresholdMs, boundMs: bucket.boundMs },
        });
      }
    }
  });
  return out;
}
