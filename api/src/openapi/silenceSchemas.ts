import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { TenantId } from '@sightline/contracts';
import { z } from 'zod';
import { LabelMatcher } from './alertSchemas';
import { ConfigId } from './configIdSchema';

// Silences as alerting's internal API takes and serves them (alerting/src/silence/SilenceSpec.ts). The api checks
// the envelope; alerting owns the finer rules (regexes that compile, windows that make sense) and its 400 reason is
// passed on as it is.
extendZodWithOpenApi(z);

/** TimeWindow is when a silence applies: alerting validates each kind's own fields. */
export const TimeWindow = z
  .looseObject({
    kind: z
      .string()
      .min(1)
      .max(32)
      .describe(
        'once: {startsAt, endsAt} (ISO 8601); cron: {cron, durationMinutes, timeZone} for a recurring window',
      ),
  })
  .openapi('TimeWindow', {
    example: { kind: 'once', startsAt: '2026-03-01T22:00:00Z', endsAt: '2026-03-01T23:00:00Z' },
  });

/** SilenceRequest is the body of POST /v1/silences and PUT /v1/silences/:id. */
export const SilenceRequest = z
  .strictObject({
    id: ConfigId.optional().describe('chosen by alerting when absent; on PUT it must equal the path id'),
    kind: z.enum(['silence', 'maintenance']).optional().describe('silence when absent'),
    tenant: TenantId.clone()
      .optional()
      .describe('shorthand for tenant="…"; a tenant user\'s silence always carries the user\'s tenant'),
    service: z.string().min(1).max(256).optional().describe('shorthand for service="…"'),
    matchers: z.array(LabelMatcher).max(32).optional(),
    window: TimeWindow,
    comment: z.string().min(1).max(1024).describe('say why'),
    reminderChannelId: z.string().min(1).max(64).optional().describe('a channel reminded while it lasts'),
  })
  .openapi('SilenceRequest');
/** SilenceRequest is a silence as a client writes it. */
export type SilenceRequest = z.infer<typeof SilenceRequest>;

/** Silence is a silence or maintenance window as alerting serves it. */
export const Silence = z
  .object({
    id: z.string(),
    kind: z.enum(['silence', 'maintenance']),
    tenant: z.string().nullable(),
    service: z.string().nullable().optional().describe('the service shorthand (service="…"), when given'),
    matchers: z.array(z.object({ name: z.string(), type: z.string(), value: z.string() })),
    window: z.record(z.string(), z.unknown()),
    comment: z.string(),
    createdBy: z.string(),
    reminderChannelId: z.string().nullable(),
    status: z.enum(['active', 'pending', 'expired']),
    currentOrNext: z
      .object({ start: z.string(), end: z.string() })
      .nullable()
      .describe('the occurrence in force now, or the next one; null when none is left'),
    expiredAt: z.string().nullable().describe('when it was expired by hand'),
    createdAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi('Silence');
/** Silence is one silence. */
export type Silence = z.infer<typeof Silence>;
