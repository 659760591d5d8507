import { z } from 'zod';
import { PLATFORM_TENANT } from '@sightline/contracts';
import type { SloDefinition } from '../SloDefinition';
import { SpecValidationError } from '../SpecValidationError';
import { defaultAlerting } from './defaultAlerting';
import { resolveMinEvents } from './resolveMinEvents';
import { roundObjective } from './roundObjective';
import { Period, SloName, SliQuery } from './schemaParts';
import { validateSpec } from './validateSpec';

/** MIN_EVENTS_ANNOTATION lets an OpenSLO SLO set its low-traffic guard, e.g. `"50"`. */
export const MIN_EVENTS_ANNOTATION = 'sightline.dev/min-events';

const MetricSource = z.object({
  metricSource: z.object({
    type: z.string().regex(/^prometheus$/i, 'only Prometheus metric sources are supported'),
    spec: z.object({ query: SliQuery }),
  }),
});

const SliSpec = z
  .object({
    ratioMetric: z.object(
      {
        counter: z.boolean().optional(),
        good: MetricSource.optional(),
        bad: MetricSource.optional(),
        total: MetricSource,
      },
      { message: 'only ratioMetric SLIs are supported' },
    ),
  })
  .refine((s) => (s.ratioMetric.good === undefined) !== (s.ratioMetric.bad === undefined), {
    message: 'a ratioMetric needs exactly one of good and bad',
    path: ['ratioMetric'],
  });

const Metadata = z.object({
  name: SloName,
  labels: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

/** OpenSloSli is an OpenSLO v1 `SLI` document with a ratio metric. */
export const OpenSloSli = z.object({
  apiVersion: z.literal('openslo/v1'),
  kind: z.literal('SLI'),
  metadata: Metadata,
  spec: SliSpec,
});

/** OpenSloSlo is an OpenSLO v1 `SLO` document (rolling window, occurrences budgeting, one objective). */
export const OpenSloSlo = z.object({
  apiVersion: z.literal('openslo/v1'),
  kind: z.literal('SLO'),
  metadata: Metadata,
  spec: z
    .object({
      description: z.string().optional(),
      service: z.string().min(1),
      indicatorRef: z.string().optional(),
      indicator: z.object({ metadata: Metadata, spec: SliSpec }).optional(),
      timeWindow: z
        .array(
          z.object({
            duration: Period,
            isRolling: z.literal(true, { message: 'only rolling windows are supported' }),
          }),
        )
        .length(1, 'exactly one timeWindow is supported'),
      budgetingMethod: z.literal('Occurrences', {
        message: 'only the Occurrences budgeting method is supported',
      }),
      objectives: z
        .array(
          z
            .object({
              displayName: z.string().optional(),
              target: z.number().gt(0).lt(1, 'must be below 1').optional(),
              targetPercent: z.number().gt(0).lt(100, 'must be below 100').optional(),
            })
            .refine((o) => (o.target === undefined) !== (o.targetPercent === undefined), {
              message: 'needs exactly one of target and targetPercent',
            }),
        )
        .length(1, 'exactly one objective is supported'),
    })
    .refine((s) => (s.indicator === undefined) !== (s.indicatorRef === undefined), {
      message: 'needs exactly one of indicator and indicatorRef',
    }),
});

type SliSpecT = z.infer<typeof SliSpec>;

/** parseOpenSloSpec turns the documents of one OpenSLO v1 file into SLO definitions. */
export function parseOpenSloSpec(docs: unknown[], file: string): SloDefinition[] {
  const prefix = (i: number): string => (docs.length > 1 ? `documents[${i}]` : '');
  const slis = new Map<string, SliSpecT>();
  const slos: { doc: z.infer<typeof OpenSloSlo>; index: number }[] = [];
  docs.forEach((doc, i) => {
    const kind = (doc as { kind?: unknown } | null)?.kind;
    if (kind === 'SLI') {
      const sli = validateSpec(OpenSloSli, doc, file, prefix(i));
      slis.set(sli.metadata.name, sli.spec);
    } else if (kind === 'SLO') {
      slos.push({ doc: validateSpec(OpenSloSlo, doc, file, prefix(i)), index: i });
    } else {
      throw new SpecValidationError(file, formatKindPath(prefix(i)), 'kind must be SLO or SLI');
    }
  });
  return slos.map(({ doc, index }) => toDefinition(doc, slis, file, prefix(index)));
}

function formatKindPath(prefix: string): string {
  return prefix ? `${prefix}.kind` : 'kind';
}

function toDefinition(
  doc: z.infer<typeof OpenSloSlo>,
  slis: Map<string, SliSpecT>,
  file: string,
  prefix: string,
): SloDefinition {
  const at = (path: string): string => (prefix ? `${prefix}.${path}` : path);
  const sli = doc.spec.indicator?.spec ?? slis.get(doc.spec.indicatorRef!);
  if (!sli)
    throw new SpecValidationError(
      file,
      at('spec.indicatorRef'),
      `no SLI named ${doc.spec.indicatorRef} in this file`,
    );
  const tenantLabel = doc.metadata.labels?.tenant;
  const tenants = tenantLabel === undefined ? [PLATFORM_TENANT] : ([] as string[]).concat(tenantLabel);
  if (tenants.length !== 1 || !/^[a-z0-9_][a-z0-9_-]{0,62}$/.test(tenants[0]!)) {
    throw new SpecValidationError(file, at('metadata.labels.tenant'), 'must be one tenant id of [a-z0-9_-]');
  }
  const minEventsText = doc.metadata.annotations?.[MIN_EVENTS_ANNOTATION];
  const minEvents = minEventsText === undefined ? undefined : Number(minEventsText);
  if (minEvents !== undefined && !(Number.isInteger(minEvents) && minEvents >= 0)) {
    throw new SpecValidationError(
      file,
      at(`metadata.annotations.${MIN_EVENTS_ANNOTATION}`),
      'must be a whole number',
    );
  }
  const objective = doc.spec.objectives[0]!;
  const ratio = sli.ratioMetric;
  const total = ratio.total.metricSource.spec.query.trim();
  const errorQuery = ratio.bad
    ? ratio.bad.metricSource.spec.query.trim()
    : `(${total}) - (${ratio.good!.metricSource.spec.query.trim()})`;
  return {
    tenant: tenants[0]!,
    slo: doc.metadata.name,
    service: doc.spec.service,
    description: doc.spec.description ?? '',
    objective: roundObjective(objective.target ?? objective.targetPercent! / 100),
    period: doc.spec.timeWindow[0]!.duration,
    sli: { errorQuery, totalQuery: total },
    minEvents: resolveMinEvents(minEvents),
    alerting: defaultAlerting(),
    source: { kind: 'openslo', file },
  };
}
