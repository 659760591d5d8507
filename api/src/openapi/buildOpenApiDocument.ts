import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import {
  LoginRequest,
  RefreshRequest,
  SessionResponse,
  SlaSnapshot,
  SlaUpdateEvent,
  Tenant,
  TenantErasureReceipt,
  TenantErasureRequest,
  TraceView,
} from '@sightline/contracts';
import { z } from 'zod';
import { LogPage, LogsQuery, Problem, ServiceList, SlaQuery, TenantParams, TraceParams } from './apiSchemas';
import { nameContractSchemas } from './nameContractSchemas';
import { registerAlertEnginePaths } from './registerAlertEnginePaths';
import { registerReportPaths } from './registerReportPaths';
import { registerTenantActivityPaths } from './registerTenantActivityPaths';
import { SlaHistory, SlaHistoryQuery } from './slaHistorySchemas';
import {
  SloAlertList,
  SloAlertsQuery,
  SloHistory,
  SloHistoryQuery,
  SloParams,
  TenantSloStatus,
} from './sloSchemas';

/** API_VERSION is the version the OpenAPI document announces. */
export const API_VERSION = '0.1.0';

type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const problem = (description: string): ResponseConfig => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

const common = {
  401: problem('Missing, malformed, expired or wrongly signed bearer token'),
  503: problem('A dependency (auth, collector, gateway or alerting) is unavailable'),
};

/** buildOpenApiDocument generates the public API's OpenAPI 3.1 document from the zod schemas the routes validate with. */
export function buildOpenApiDocument(): OpenApiDocument {
  nameContractSchemas();
  const registry = new OpenAPIRegistry();
  // No route returns it; it is listed so console developers find the Socket.io payload beside the REST ones.
  // register() needs .openapi(), which a schema built before extendZodWithOpenApi lacks, hence the clone.
  registry.register('SlaUpdateEvent', SlaUpdateEvent.clone());
  registry.register('Problem', Problem);
  const bearer = registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Access token from POST /v1/auth/login (EdDSA, 15 minutes)',
  });
  const security = [{ [bearer.name]: [] }];

  registry.registerPath({
    method: 'post',
    path: '/v1/auth/login',
    tags: ['auth'],
    summary: 'Exchange email and password for an access token',
    request: { body: { required: true, content: { 'application/json': { schema: LoginRequest } } } },
    responses: {
      200: { description: 'Logged in', content: { 'application/json': { schema: SessionResponse } } },
      429: problem('Account locked after repeated failures; see Retry-After'),
      400: problem('Malformed body'),
      401: problem('Wrong email or password (one message for both)'),
      413: problem('Body over 16 kB'),
      503: common[503],
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/auth/refresh',
    tags: ['auth'],
    summary: 'Rotate a refresh token for a new access token (reusing a spent one revokes its whole family)',
    request: { body: { required: true, content: { 'application/json': { schema: RefreshRequest } } } },
    responses: {
      200: { description: 'New session', content: { 'application/json': { schema: SessionResponse } } },
      400: problem('Malformed body'),
      401: problem('Unknown, expired, revoked or reused refresh token'),
      503: common[503],
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/auth/logout',
    tags: ['auth'],
    summary: "End a session: revoke the refresh token's family",
    request: { body: { required: true, content: { 'application/json': { schema: RefreshRequest } } } },
    responses: {
      204: { description: 'Logged out (also for an unknown token)' },
      400: problem('Malformed body'),
      503: common[503],
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/tenants',
    tags: ['tenants'],
    summary: 'List the tenants the caller may see',
    security,
    responses: {
      200: { description: 'Tenants', content: { 'application/json': { schema: z.array(Tenant) } } },
      ...common,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/tenants/{id}/sla',
    tags: ['tenants'],
    summary: "A tenant's availability, latency and error budget over a window",
    description: 'Availability is 1 − 5xx / (requests − 429): a rate-limited request is not an error.',
    security,
    request: { params: TenantParams, query: SlaQuery },
    responses: {
      200: { description: 'SLA snapshot', content: { 'application/json': { schema: SlaSnapshot } } },
      400: problem('Bad tenant id or window'),
      401: common[401],
      403: problem('The token may not see this tenant'),
      404: problem('Unknown tenant'),
      503: common[503],
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/tenants/{id}/sla/history',
    tags: ['tenants'],
    summary: "A tenant's availability and p50/p95/p99 latency per step, for charts",
    description:
      'Computed like /sla from the collector rollups of each step. Only steps with traffic are listed, so a ' +
      `missing step is a gap. The range may span at most 2000 steps.`,
    security,
    request: { params: TenantParams, query: SlaHistoryQuery },
    responses: {
      200: { description: 'SLA per step', content: { 'application/json': { schema: SlaHistory } } },
      400: problem('Bad tenant id, time, step, or a range over 2000 steps'),
      401: common[401],
      403: problem('The token may not see this tenant'),
      404: problem('Unknown tenant'),
      503: common[503],
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/tenants/{id}/slos',
    tags: ['slos'],
    summary: "A tenant's SLOs: budget left, burn rate per window, firing alerts and alert thresholds",
    security,
    request: { params: TenantParams },
    responses: {
      200: { description: 'SLO status', content: { 'application/json': { schema: TenantSloStatus } } },
      400: problem('Bad tenant id or an unknown query parameter'),
      401: common[401],
      403: problem('The token may not see this tenant'),
      404: problem('Unknown tenant'),
      503: problem('The alerting service is unavailable'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/tenants/{id}/slos/{slo}/history',
    tags: ['slos'],
    summary: "One SLO's error budget, SLI and burn rates over time (at most 35 days, 1000 points)",
    security,
    request: { params: SloParams, query: SloHistoryQuery },
    responses: {
      200: { description: 'Budget history', content: { 'application/json': { schema: SloHistory } } },
      400: problem('Bad tenant id, SLO name or time, or a range over 35 days'),
      401: common[401],
      403: problem('The token may not see this tenant'),
      404: problem('Unknown tenant or SLO'),
      503: problem('The alerting service is unavailable'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/slo-alerts',
    tags: ['slos'],
    summary: 'SLO burn-rate alert events, newest first (roles super_admin, sre, tenant_admin, developer)',
    description:
      "A platform-wide token may omit tenant to list every tenant's; a tenant token gets its own tenant's only.",
    security,
    request: { query: SloAlertsQuery },
    responses: {
      200: { description: 'Alert events', content: { 'application/json': { schema: SloAlertList } } },
      400: problem('Bad tenant id or state, or an unknown parameter'),
      401: common[401],
      403: problem('Wrong role, or a tenant the token may not see'),
      503: problem('The alerting service is unavailable'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/tenants/{id}/services',
    tags: ['tenants'],
    summary: 'The services a tenant has sent spans or logs from, with when each was last seen',
    security,
    request: { params: TenantParams },
    responses: {
      200: { description: 'Services', content: { 'application/json': { schema: ServiceList } } },
      400: problem('Bad tenant id'),
      401: common[401],
      403: problem('The token may not see this tenant'),
      503: common[503],
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/logs',
    tags: ['logs'],
    summary: "Search one tenant's logs, newest first (roles super_admin, sre, tenant_admin, developer)",
    description:
      'A tenant-scoped token searches its own tenant; a platform-wide token must name one. ' +
      'Every value is passed to the store as a bind parameter. Page on with the returned nextCursor.',
    security,
    request: { query: LogsQuery },
    responses: {
      200: { description: 'One page of logs', content: { 'application/json': { schema: LogPage } } },
      400: problem('A malformed, unknown or repeated parameter, or a cursor this API did not issue'),
      401: common[401],
      403: problem('Wrong role, or a tenant the token may not see'),
      503: common[503],
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/traces/{traceId}',
    tags: ['traces'],
    summary: 'A trace with its spans and logs (roles super_admin, sre, tenant_admin, developer)',
    security,
    request: { params: TraceParams },
    responses: {
      200: { description: 'Trace', content: { 'application/json': { schema: TraceView } } },
      400: problem('Malformed trace id'),
      401: common[401],
      403: problem('Wrong role, or the trace belongs to another tenant'),
      404: problem('No such trace'),
      503: common[503],
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/tenants/{id}/erasure',
    tags: ['tenants'],
    summary: "Erase a tenant's personal data everywhere (super_admin, platform-wide token)",
    description:
      'The right to erasure for one tenant: auth deletes its users and their sessions and redacts its audit events, ' +
      'reports forgets its recipients, the collector deletes its stored spans, logs and metric points. SLI rollups ' +
      'and report figures stay (counts, no personal data). Idempotent: when it stops at a service (502), send the ' +
      'same request again. See docs/gdpr.md.',
    security,
    request: {
      params: TenantParams,
      body: { content: { 'application/json': { schema: TenantErasureRequest } } },
    },
    responses: {
      200: {
        description: 'What each service erased',
        content: { 'application/json': { schema: TenantErasureReceipt } },
      },
      400: problem('Bad tenant id, the platform tenant, or confirm does not repeat the tenant id'),
      401: common[401],
      403: problem('Not a super_admin, or a token bound to a tenant'),
      413: problem('Body over 1 KiB'),
      415: problem('Body not sent as application/json'),
      502: problem(
        'A service failed or answered outside its contract; the detail says which and what is done',
      ),
    },
  });
  registerTenantActivityPaths(registry, security);
  registerAlertEnginePaths(registry, security);
  registerReportPaths(registry, security);

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Sightline API',
      version: API_VERSION,
      description:
        'The public API of Sightline. Live SLA updates arrive over Socket.io on the same origin: connect with ' +
        '`auth: { token }`, and receive `sla:update` events (SlaUpdateEvent) for every tenant the token may see.',
    },
    tags: [
      { name: 'auth' },
      { name: 'tenants' },
      { name: 'slos' },
      { name: 'logs' },
      { name: 'traces' },
      { name: 'alerts', description: 'Alerts and alert groups of the alert engine' },
      { name: 'silences', description: 'Silences and maintenance windows' },
      { name: 'alerting', description: 'Routing, escalation, on-call and the audit log of the alert engine' },
      {
        name: 'reports',
        description: 'Weekly SLA reports: archive, on-demand generation, downloads, recipients',
      },
    ],
  });
}
