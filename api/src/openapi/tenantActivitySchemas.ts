import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { TenantId, Tier } from '@sightline/contracts';
import { z } from 'zod';

// The tenant page's activity panels: top failing routes (collector), recent incidents (alerting) and rate limits.
// Internal bodies are not strict: a field a service adds later is dropped here rather than failing every request.
extendZodWithOpenApi(z);

/** ACTIVITY_WINDOW_MS gives each window of the activity routes its length in milliseconds. */
export const ACTIVITY_WINDOW_MS = { '1h': 3_600_000, '1d': 86_400_000, '7d': 7 * 86_400_000 } as const;
/** ActivityWindow is one of ACTIVITY_WINDOW_MS's windows. */
export type ActivityWindow = keyof typeof ACTIVITY_WINDOW_MS;

const WINDOWS = Object.keys(ACTIVITY_WINDOW_MS) as [ActivityWindow, ...ActivityWindow[]];

const windowParam = (fallback: ActivityWindow, what: string) =>
  z
    .enum(WINDOWS, { message: `window must be one of ${WINDOWS.join(', ')}` })
    .default(fallback)
    .openapi({
      param: { name: 'window', in: 'query', description: `${what}, ending now; ${fallback} when absent` },
    });

/** TopRoutesQuery is the query string of GET /v1/tenants/:id/routes; unknown or repeated parameters are a 400. */
export const TopRoutesQuery = z.strictObject({ window: windowParam('1h', 'how far back to look') });

/** IncidentsQuery is the query string of GET /v1/tenants/:id/incidents; unknown or repeated parameters are a 400. */
export const IncidentsQuery = z.strictObject({
  window: windowParam('7d', 'incidents open at some time in this window'),
});

/** LimitsQuery is the (empty) query string of GET /v1/tenants/:id/limits. */
export const LimitsQuery = z.strictObject({});

/** FailingRoute is one gateway route with its requests and failures in the window. */
export const FailingRoute = z
  .object({
    route: z.string().describe('method and path, with ids replaced by :id (e.g. GET /orders/:id)'),
    requests: z.number().int().nonnegative(),
    errors: z
      .number()
      .int()
      .nonnegative()
      .describe('spans with status ERROR or an HTTP status of 500 or more'),
    errorPercent: z.number().min(0).max(100),
  })
  .openapi('FailingRoute');
/** FailingRoute is one gateway route with its failures. */
export type FailingRoute = z.infer<typeof FailingRoute>;

/** CollectorTopRoutes is the collector's GET /internal/v1/rollups/:tenant/routes body. */
export const CollectorTopRoutes = z.object({ routes: z.array(FailingRoute).max(50) });

/** TopFailingRoutes is the body of GET /v1/tenants/:id/routes. */
export const TopFailingRoutes = z
  .object({
    tenantId: TenantId,
    window: z.enum(WINDOWS),
    from: z.string(),
    to: z.string(),
    routes: z.array(FailingRoute).describe('at most 10 routes that failed, most failures first'),
  })
  .openapi('TopFailingRoutes');
/** TopFailingRoutes is a tenant's most failing gateway routes. */
export type TopFailingRoutes = z.infer<typeof TopFailingRoutes>;

const instantOrNull = z.string().nullable();

/** Incident is one episode of an alert group, from its first page to its resolve. */
export const Incident = z
  .object({
    groupId: z.number().int().positive().describe('the alert group: /v1/alert-groups/{groupId}'),
    incident: z.number().int().describe("the group's episode number, as its notifications carry it"),
    title: z.string(),
    severity: z.string().nullable(),
    slo: z.string().nullable(),
    startedAt: z.string().describe('when it first paged'),
    acknowledgedAt: instantOrNull,
    acknowledgedBy: instantOrNull.describe('user id of who acknowledged it first'),
    resolvedAt: instantOrNull.describe('null while it is still open'),
    resolvedBy: instantOrNull.describe('user id of who resolved it; null when it resolved by itself'),
    paged: z.boolean().describe('whether PagerDuty was paged'),
  })
  .openapi('Incident');

/** AlertingIncidents is alerting's GET /internal/v1/reporting/incidents body. */
export const AlertingIncidents = z.object({ incidents: z.array(Incident) });
/** AlertingIncidents is one tenant's incidents as alerting reports them. */
export type AlertingIncidents = z.infer<typeof AlertingIncidents>;

/** TenantIncidents is the body of GET /v1/tenants/:id/incidents. */
export const TenantIncidents = z
  .object({
    tenantId: TenantId,
    window: z.enum(WINDOWS),
    from: z.string(),
    to: z.string(),
    incidents: z.array(Incident).describe('every incident open at some time in [from, to), newest first'),
  })
  .openapi('TenantIncidents');
/** TenantIncidents is a tenant's recent incidents. */
export type TenantIncidents = z.infer<typeof TenantIncidents>;

/** TenantLimits is the body of GET /v1/tenants/:id/limits. */
export const TenantLimits = z
  .object({
    tenantId: TenantId,
    tier: Tier,
    perSecond: z
      .number()
      .int()
      .positive()
      .nullable()
      .describe('requests per second the tenant may send (null: none)'),
    perMinute: z
      .number()
      .int()
      .positive()
      .nullable()
      .describe('requests per minute the tenant may send (null: none)'),
    shadow: z.boolean().describe('shadow mode: limits are decided and counted but not enforced'),
    source: z
      .literal('effective')
      .describe(
        "the limits in force at the gateway: the tier's defaults, the tenant's override, emergency adjustments",
      ),
  })
  .openapi('TenantLimits');
/** TenantLimits is a tenant's request limits. */
export type TenantLimits = z.infer<typeof TenantLimits>;
