import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { TenantId, Tier } from '@sightline/contracts';
import { z } from 'zod';

extendZodWithOpenApi(z);

/** SERIES_STEPS are the step lengths the collector's series endpoint accepts, with their length in seconds. */
export const SERIES_STEPS = { '10s': 10, '1m': 60, '5m': 300, '1h': 3600, '1d': 86400 } as const;
/** SeriesStep is one of SERIES_STEPS. */
export type SeriesStep = keyof typeof SERIES_STEPS;
/** MAX_SERIES_STEPS is the most steps one series request may span (the collector's bound). */
export const MAX_SERIES_STEPS = 2000;

const STEP_NAMES = Object.keys(SERIES_STEPS) as [SeriesStep, ...SeriesStep[]];

const instant = (name: string, fallback: string) =>
  z.iso.datetime({ offset: true }).openapi({
    param: { name, in: 'query', description: `ISO 8601 instant with a zone; ${fallback} when absent` },
    example: '2026-03-01T12:00:00Z',
  });

/** SlaHistoryQuery is the query string of GET /v1/tenants/:id/sla/history. */
export const SlaHistoryQuery = z.strictObject({
  from: instant('from', '1 h before to').optional(),
  to: instant('to', 'now').optional(),
  step: z
    .enum(STEP_NAMES)
    .optional()
    .openapi({
      param: {
        name: 'step',
        in: 'query',
        description: `step length; when absent the shortest that keeps the range within ${MAX_SERIES_STEPS} steps`,
      },
    }),
});
/** SlaHistoryQuery is the validated query string. */
export type SlaHistoryQuery = z.infer<typeof SlaHistoryQuery>;

/** RollupSeries is the collector's GET /internal/v1/rollups/:tenant/series body: only steps with data. */
export const RollupSeries = z.object({
  tenantId: z.string(),
  from: z.string(),
  to: z.string(),
  step: z.enum(STEP_NAMES),
  points: z
    .array(
      z.object({
        t: z.string(),
        requests: z.number().int().nonnegative(),
        errors: z.number().int().nonnegative(),
        rateLimited: z.number().int().nonnegative(),
        latencyBuckets: z.array(z.number().int().nonnegative()),
      }),
    )
    .max(MAX_SERIES_STEPS),
});
/** RollupSeries is one tenant's rollups per step. */
export type RollupSeries = z.infer<typeof RollupSeries>;

/** SlaHistoryPoint is one step of a tenant's SLA history. */
export const SlaHistoryPoint = z
  .object({
    t: z.string().describe('start of the step, ISO 8601'),
    requests: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative().describe('5xx responses'),
    rateLimited: z.number().int().nonnegative().describe('429 responses; not counted as errors'),
    availability: z.number().min(0).max(1).nullable().describe('1 - errors / (requests - rateLimited)'),
    latencyMs: z.object({
      p50: z.number().nullable(),
      p95: z.number().nullable(),
      p99: z.number().nullable(),
    }),
  })
  .openapi('SlaHistoryPoint');

/** SlaHistory is the body of GET /v1/tenants/:id/sla/history. */
export const SlaHistory = z
  .object({
    tenantId: TenantId,
    tier: Tier,
    objective: z.number().describe("the tier's availability objective"),
    from: z.string(),
    to: z.string(),
    step: z.enum(STEP_NAMES),
    points: z
      .array(SlaHistoryPoint)
      .describe('only steps with traffic, oldest first; a missing step is a gap, not zero traffic'),
  })
  .openapi('SlaHistory');
/** SlaHistory is a tenant's SLA per step. */
export type SlaHistory = z.infer<typeof SlaHistory>;
