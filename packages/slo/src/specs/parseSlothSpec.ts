import { z } from 'zod';
import { PLATFORM_TENANT } from '@sightline/contracts';
import type { SloDefinition } from '../SloDefinition';
import { SpecValidationError } from '../SpecValidationError';
import { defaultAlerting } from './defaultAlerting';
import { resolveMinEvents } from './resolveMinEvents';
import { roundObjective } from './roundObjective';
import { ObjectivePercent, SloName, SliQuery, StringMap } from './schemaParts';
import { validateSpec } from './validateSpec';

const AlertTier = z.object({
  disable: z.boolean().optional(),
  labels: StringMap.optional(),
  annotations: StringMap.optional(),
});

/** SlothSpec is Sloth's `prometheus/v1` SLO spec (event SLIs only; raw ratio SLIs cannot be guarded). */
export const SlothSpec = z.object({
  version: z.literal('prometheus/v1'),
  service: z.string().min(1),
  labels: StringMap.optional(),
  slos: z
    .array(
      z.object({
        name: SloName,
        objective: ObjectivePercent,
        description: z.string().optional(),
        labels: StringMap.optional(),
        sli: z.object({
          events: z.object(
            { error_query: SliQuery, total_query: SliQuery },
            {
              message:
                'only event SLIs (error_query/total_query) are supported: the low-traffic guard needs the total',
            },
          ),
        }),
        alerting: z
          .object({
            name: z
              .string()
              .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'not a valid alert name')
              .optional(),
            labels: StringMap.optional(),
            annotations: StringMap.optional(),
            page_alert: AlertTier.optional(),
            ticket_alert: AlertTier.optional(),
          })
          .optional(),
      }),
    )
    .min(1, 'a spec needs at least one SLO'),
});

/** parseSlothSpec turns a Sloth `prometheus/v1` document into SLO definitions (30d period, Sloth's default). */
export function parseSlothSpec(doc: unknown, file: string): SloDefinition[] {
  const spec = validateSpec(SlothSpec, doc, file);
  return spec.slos.map((slo, i) => {
    const labels = { ...spec.labels, ...slo.labels };
    const tenant = labels.tenant ?? PLATFORM_TENANT;
    if (!/^[a-z0-9_][a-z0-9_-]{0,62}$/.test(tenant)) {
      throw new SpecValidationError(file, `slos[${i}].labels.tenant`, 'tenant id must be 1-63 of [a-z0-9_-]');
    }
    const alerting = defaultAlerting();
    const a = slo.alerting;
    if (a) {
      alerting.name = a.name ?? alerting.name;
      alerting.labels = a.labels ?? {};
      alerting.annotations = a.annotations ?? {};
      alerting.pageLabels = a.page_alert?.labels ?? {};
      alerting.ticketLabels = a.ticket_alert?.labels ?? {};
      alerting.pageDisabled = a.page_alert?.disable ?? false;
      alerting.ticketDisabled = a.ticket_alert?.disable ?? false;
    }
    return {
      tenant,
      slo: slo.name,
      service: spec.service,
      description: slo.description ?? '',
      objective: roundObjective(slo.objective / 100),
      period: '30d',
      sli: { errorQuery: slo.sli.events.error_query.trim(), totalQuery: slo.sli.events.total_query.trim() },
      minEvents: resolveMinEvents(undefined),
      alerting,
      source: { kind: 'sloth', file },
    };
  });
}
