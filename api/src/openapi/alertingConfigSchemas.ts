import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { LabelMatcher } from './alertSchemas';
import { ConfigId } from './configIdSchema';

// The alert engine's platform configuration as alerting's internal API takes and serves it (alerting/src/api/
// configRoutes.ts). Requests are checked field by field here; alerting owns the finer rules (delivery URLs,
// references that must exist, a routing tree that stays a tree) and its 400 reason is passed on as it is.
extendZodWithOpenApi(z);

const name = z.string().min(1).max(128);
const ref = z.string().min(1).max(64);
const createdId = ConfigId.optional().describe(
  'chosen by alerting when absent; on PUT it must equal the path id',
);
const updatedAt = z.string().nullable();
const json = z.record(z.string(), z.unknown());

/** ChannelConfig is where a notification goes, by type; secrets are masked whenever alerting shows one. */
export const ChannelConfig = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('pagerduty'),
      routingKey: z.string().describe('the 32-character Integration Key of an Events API v2 integration'),
      url: z.string().max(2048).optional(),
      client: z.string().min(1).max(100).optional(),
    }),
    z.strictObject({
      type: z.literal('slack'),
      webhookUrl: z.string().max(2048).describe('an incoming-webhook URL (https)'),
      channel: z.string().max(81).optional(),
    }),
    z.strictObject({ type: z.literal('email'), to: z.array(z.string().max(254)).min(1).max(50) }),
    z.strictObject({
      type: z.literal('webhook'),
      url: z.string().max(2048).describe('https; the body is signed with secret'),
      secret: z.string().min(16).max(256),
      headers: z.record(z.string(), z.string().max(1024)).optional(),
    }),
  ])
  .openapi('ChannelConfig');

/** ChannelRequest is the body of POST and PUT /v1/alerting/channels. */
export const ChannelRequest = z
  .strictObject({ id: createdId, name, config: ChannelConfig })
  .openapi('ChannelRequest');

/** Channel is a notification channel as alerting serves it, secrets masked. */
export const Channel = z
  .object({ id: z.string(), name: z.string(), type: z.string(), config: json, updatedAt })
  .openapi('Channel');

/** OnCallUserRequest is the body of POST and PUT /v1/alerting/users. */
export const OnCallUserRequest = z
  .strictObject({
    id: createdId,
    name,
    email: z.email().max(254).nullable().optional(),
    channelIds: z.array(ConfigId).max(10).optional().describe('channels that reach this person'),
  })
  .openapi('OnCallUserRequest');

/** OnCallUser is a person escalations and schedules can page. */
export const OnCallUser = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    channelIds: z.array(z.string()),
    updatedAt,
  })
  .openapi('OnCallUser');

/** ScheduleRequest is the body of POST and PUT /v1/alerting/schedules. */
export const ScheduleRequest = z
  .strictObject({
    id: createdId,
    name,
    spec: json.describe(
      'the rotation: layers, users, hand-off times and time zone, as alerting defines them',
    ),
  })
  .openapi('ScheduleRequest');

/** Schedule is an on-call schedule. */
export const Schedule = z
  .object({ id: z.string(), name: z.string(), spec: json, updatedAt })
  .openapi('Schedule');

const EscalationTarget = z.strictObject({ type: z.enum(['channel', 'user', 'schedule']), id: ref });

/** EscalationPolicyRequest is the body of POST and PUT /v1/alerting/policies. */
export const EscalationPolicyRequest = z
  .strictObject({
    id: createdId,
    name,
    repeat: z
      .number()
      .int()
      .min(0)
      .max(20)
      .optional()
      .describe('times to start over after the last step (0)'),
    steps: z
      .array(
        z.strictObject({
          targets: z.array(EscalationTarget).min(1).max(20),
          waitMinutes: z
            .number()
            .min(0.01)
            .max(7 * 24 * 60)
            .describe('wait for an ack before the next step'),
        }),
      )
      .max(20)
      .optional(),
  })
  .openapi('EscalationPolicyRequest');

/** EscalationPolicy is who is paged, in which order, until someone acknowledges. */
export const EscalationPolicy = z
  .object({
    id: z.string(),
    name: z.string(),
    repeat: z.number().int(),
    steps: z.array(
      z.object({ targets: z.array(z.object({ type: z.string(), id: z.string() })), waitMinutes: z.number() }),
    ),
    updatedAt,
  })
  .openapi('EscalationPolicy');

const seconds = (max: number) => z.number().min(0).max(max);

/** AlertRouteRequest is the body of POST and PUT /v1/alerting/routes; unset fields inherit from the parent. */
export const AlertRouteRequest = z
  .strictObject({
    id: createdId,
    name,
    parentId: ref.nullable().optional().describe('null only for the root route'),
    position: z.number().int().min(0).max(10_000).optional(),
    matchers: z.array(LabelMatcher).max(32).optional(),
    continue: z.boolean().optional().describe('keep matching siblings after this route'),
    groupBy: z
      .array(z.string().min(1).max(128))
      .max(32)
      .optional()
      .describe('label names, or ["..."] for all'),
    groupWaitSeconds: seconds(3600).optional(),
    groupIntervalSeconds: seconds(86_400).optional(),
    repeatIntervalSeconds: seconds(30 * 86_400).optional(),
    policyId: ref.optional(),
  })
  .openapi('AlertRouteRequest');

/** AlertRoute is one node of the routing tree. */
export const AlertRoute = z
  .object({
    id: z.string(),
    name: z.string(),
    parentId: z.string().nullable(),
    position: z.number().int(),
    matchers: z.array(z.object({ name: z.string(), type: z.string(), value: z.string() })),
    continue: z.boolean(),
    groupBy: z.array(z.string()).nullable(),
    groupWaitSeconds: z.number().nullable(),
    groupIntervalSeconds: z.number().nullable(),
    repeatIntervalSeconds: z.number().nullable(),
    policyId: z.string().nullable(),
    updatedAt,
  })
  .openapi('AlertRoute');
