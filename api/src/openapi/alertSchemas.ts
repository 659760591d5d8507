import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { TenantId } from '@sightline/contracts';
import { z } from 'zod';

// The shapes of alerting's internal alert and group API (alerting/src/api/alertRoutes.ts), as the api re-serves
// them. Query strings are strict, like alerting's own; answers are not, so a field alerting adds later is dropped
// here rather than failing every request.
extendZodWithOpenApi(z);

const labels = z.record(z.string(), z.string());
const instant = z.string().describe('ISO 8601 instant');

/** limitParam is a `limit` query parameter of 1..max, kept as the string alerting will parse again. */
export const limitParam = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^[1-9]\d{0,3}$/, `limit must be 1-${max}`)
    .refine((v) => Number(v) <= max, `limit must be 1-${max}`)
    .optional()
    .openapi({
      param: { name: 'limit', in: 'query', description: `at most this many, 1-${max} (${fallback})` },
    });

const tenantParam = TenantId.clone()
  .optional()
  .openapi({
    param: {
      name: 'tenant',
      in: 'query',
      description: "only this tenant's; platform users may omit it, tenant users always get their own",
    },
  });

const severityParam = z
  .string()
  .min(1)
  .max(64)
  .optional()
  .openapi({ param: { name: 'severity', in: 'query', description: 'only alerts with this severity label' } });

/** AlertsQuery is the query string of GET /v1/alerts. */
export const AlertsQuery = z.strictObject({
  tenant: tenantParam,
  state: z
    .enum(['firing', 'resolved'])
    .optional()
    .openapi({ param: { name: 'state', in: 'query', description: 'only firing or only resolved alerts' } }),
  severity: severityParam,
  limit: limitParam(1000, 200),
});
/** AlertsQuery is the validated query string of GET /v1/alerts. */
export type AlertsQuery = z.infer<typeof AlertsQuery>;

/** AlertGroupsQuery is the query string of GET /v1/alert-groups. */
export const AlertGroupsQuery = z.strictObject({
  tenant: tenantParam,
  state: z
    .enum(['pending', 'firing', 'acknowledged', 'resolved', 'open'])
    .optional()
    .openapi({
      param: {
        name: 'state',
        in: 'query',
        description: 'only groups in this state; open is every state but resolved',
      },
    }),
  severity: severityParam,
  limit: limitParam(500, 100),
});
/** AlertGroupsQuery is the validated query string of GET /v1/alert-groups. */
export type AlertGroupsQuery = z.infer<typeof AlertGroupsQuery>;

/** AlertGroupParams are the path parameters of /v1/alert-groups/:id; a plain decimal id, no 0x or 1e3. */
export const AlertGroupParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'group id must be a positive integer')
    .openapi({ param: { name: 'id', in: 'path', description: 'alert group id' }, example: '42' }),
});

/** AlertGroupActionRequest is the optional body of POST /v1/alert-groups/:id/ack and /resolve: nothing yet. */
export const AlertGroupActionRequest = z.strictObject({}).openapi('AlertGroupActionRequest');

/** LabelMatcher is one Prometheus-style label matcher. */
export const LabelMatcher = z
  .strictObject({
    name: z.string().min(1).max(128).describe('label name'),
    type: z.enum(['=', '!=', '=~', '!~']),
    value: z.string().max(1024).describe('a value, or an RE2 regex of at most 256 characters for =~ and !~'),
  })
  .openapi('LabelMatcher');

/** Alert is one alert as alerting stores it. */
export const Alert = z
  .object({
    fingerprint: z.string(),
    tenant: z.string().nullable().describe('null for platform alerts without a tenant label'),
    status: z.enum(['firing', 'resolved']),
    labels,
    annotations: labels,
    startsAt: instant,
    endsAt: instant.nullable(),
    generatorUrl: z.string().nullable(),
    source: z.string().describe('where it came from: alertmanager, slo, pagerduty, …'),
    receivedAt: instant,
  })
  .openapi('Alert');
/** Alert is one alert. */
export type Alert = z.infer<typeof Alert>;

/** AlertList is the body of GET /v1/alerts: firing first, then newest first. */
export const AlertList = z.object({ alerts: z.array(Alert) }).openapi('AlertList');
/** AlertList is a list of alerts. */
export type AlertList = z.infer<typeof AlertList>;

/** AlertGroup is an alert group: the unit that pages, escalates, is acknowledged and resolves. */
export const AlertGroup = z
  .object({
    id: z.number().int().positive(),
    dedupKey: z.string().describe("the PagerDuty dedup_key of the group's incidents"),
    tenant: z.string().nullable(),
    route: z.string(),
    policy: z.string().nullable(),
    labels: labels.describe('the labels the route groups by'),
    summary: z
      .string()
      .optional()
      .describe("the lead firing alert's summary annotation (else its alertname), for lists"),
    severity: z.string().nullable().optional().describe("the lead firing alert's severity label"),
    firingSince: instant.nullable().optional().describe('when the earliest alert still firing started'),
    state: z.enum(['pending', 'firing', 'acknowledged', 'resolved']),
    muted: z.string().nullable().describe('why it is muted (silence, maintenance, inhibition), or null'),
    incident: z.number().int(),
    acknowledgedAt: instant.nullable(),
    acknowledgedBy: z.string().nullable(),
    resolvedAt: instant.nullable(),
    resolvedBy: z.string().nullable(),
    escalation: z
      .object({ step: z.number().int(), pass: z.number().int(), nextAt: instant.nullable() })
      .nullable()
      .describe('1-based step and pass of the escalation policy; null when not escalating'),
    createdAt: instant,
    updatedAt: instant,
  })
  .openapi('AlertGroup');
/** AlertGroup is one alert group. */
export type AlertGroup = z.infer<typeof AlertGroup>;

/** AlertGroupList is the body of GET /v1/alert-groups: open groups first, then newest first. */
export const AlertGroupList = z.object({ groups: z.array(AlertGroup) }).openapi('AlertGroupList');
/** AlertGroupList is a list of alert groups. */
export type AlertGroupList = z.infer<typeof AlertGroupList>;

/** AlertGroupEvent is one entry of a group's timeline. */
export const AlertGroupEvent = z
  .object({
    at: instant,
    kind: z.string().describe('triggered, escalated, acknowledged, resolved, muted, …'),
    actor: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .openapi('AlertGroupEvent');

/** AlertNotification is one notification sent (or being sent) for a group. */
export const AlertNotification = z
  .object({
    id: z.number().int(),
    incident: z.number().int().nullable(),
    target: z.string(),
    integration: z.string(),
    action: z.string(),
    status: z.enum(['pending', 'delivered', 'dead']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: instant,
    deliveredAt: instant.nullable(),
  })
  .openapi('AlertNotification');

/** AlertGroupDetail is the body of GET /v1/alert-groups/:id. */
export const AlertGroupDetail = z
  .object({
    group: AlertGroup,
    alerts: z.array(Alert),
    timeline: z.array(AlertGroupEvent),
    notifications: z.array(AlertNotification),
  })
  .openapi('AlertGroupDetail');
/** AlertGroupDetail is one group with its alerts, timeline and notifications. */
export type AlertGroupDetail = z.infer<typeof AlertGroupDetail>;

/** AlertGroupActionResult is the body of a successful ack or resolve: the group as it now is. */
export const AlertGroupActionResult = z.object({ group: AlertGroup }).openapi('AlertGroupActionResult');
/** AlertGroupActionResult is the group after an ack or resolve. */
export type AlertGroupActionResult = z.infer<typeof AlertGroupActionResult>;
