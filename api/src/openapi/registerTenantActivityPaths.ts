import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { Problem, TenantParams } from './apiSchemas';
import {
  IncidentsQuery,
  LimitsQuery,
  TenantIncidents,
  TenantLimits,
  TopFailingRoutes,
  TopRoutesQuery,
} from './tenantActivitySchemas';

const problem = (description: string): ResponseConfig => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});
const json = (description: string, schema: z.ZodType): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
});

const common = {
  401: problem('Missing, malformed, expired or wrongly signed bearer token'),
  403: problem('The token may not see this tenant'),
  404: problem('Unknown tenant'),
};

/** TenantActivityPathsSecurity is the security requirement every tenant activity path carries. */
export type TenantActivityPathsSecurity = RouteConfig['security'];

/**
 * registerTenantActivityPaths documents the tenant page's activity routes: its most failing gateway routes, its
 * recent incidents and its request limits. Any role may read them, for the tenants its token may see.
 */
export function registerTenantActivityPaths(
  registry: OpenAPIRegistry,
  security: TenantActivityPathsSecurity,
): void {
  const path = (config: Omit<RouteConfig, 'security'>) =>
    registry.registerPath({ ...config, tags: ['tenants'], security });
  path({
    method: 'get',
    path: '/v1/tenants/{id}/routes',
    summary: "A tenant's 10 most failing gateway routes over a window (any role)",
    description:
      'From the collector: gateway server spans grouped by method and path with ids as :id, counting as failures ' +
      'those with status ERROR or an HTTP status of 500 or more.',
    request: { params: TenantParams, query: TopRoutesQuery },
    responses: {
      200: json('Failing routes', TopFailingRoutes),
      400: problem('Bad tenant id or window, or an unknown or repeated parameter'),
      ...common,
      502: problem('The collector answered outside its contract'),
      503: problem('The collector is unavailable'),
    },
  });
  path({
    method: 'get',
    path: '/v1/tenants/{id}/incidents',
    summary: "A tenant's incidents open at some time in a window, newest first (any role)",
    description:
      "From alerting: each episode of the tenant's alert groups, from its first page to its resolve, with when it " +
      'was acknowledged and resolved and whether PagerDuty was paged.',
    request: { params: TenantParams, query: IncidentsQuery },
    responses: {
      200: json('Incidents', TenantIncidents),
      400: problem('Bad tenant id or window, or an unknown or repeated parameter'),
      ...common,
      502: problem('Alerting answered outside its contract'),
      503: problem('The alerting service is unavailable'),
    },
  });
  path({
    method: 'get',
    path: '/v1/tenants/{id}/limits',
    summary: "A tenant's request limits per second and per minute (any role)",
    description:
      "The limits of the tenant's tier. The gateway does not yet expose per-tenant overrides or emergency " +
      'adjustments to the api, so `source` says where the numbers come from.',
    request: { params: TenantParams, query: LimitsQuery },
    responses: {
      200: json('Limits', TenantLimits),
      400: problem('Bad tenant id, or any query parameter'),
      ...common,
      503: problem('The gateway is unavailable'),
    },
  });
}
