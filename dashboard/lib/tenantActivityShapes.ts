import { isRecord } from './isRecord';

// The client bundle does not ship zod, so these check just the fields the tenant page reads.

/** FailingRoute is one gateway route with its failures, as GET /v1/tenants/:id/routes lists it. */
export interface FailingRoute {
  route: string;
  requests: number;
  errors: number;
  errorPercent: number;
}

/** TopFailingRoutes is the body of GET /v1/tenants/:id/routes. */
export interface TopFailingRoutes {
  tenantId: string;
  window: string;
  from: string;
  to: string;
  routes: FailingRoute[];
}

/** Incident is one episode of an alert group, from its first page to its resolve. */
export interface Incident {
  groupId: number;
  incident: number;
  title: string;
  severity: string | null;
  startedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  paged: boolean;
}

/** TenantIncidents is the body of GET /v1/tenants/:id/incidents, newest first. */
export interface TenantIncidents {
  tenantId: string;
  from: string;
  to: string;
  incidents: Incident[];
}

/** TenantLimits is the body of GET /v1/tenants/:id/limits. */
export interface TenantLimits {
  tenantId: string;
  tier: string;
  /** perSecond and perMinute are null when no such limit is in force. */
  perSecond: number | null;
  perMinute: number | null;
  shadow: boolean;
  source: string;
}

const strOrNull = (v: unknown) => v === null || typeof v === 'string';

/** isTopFailingRoutes checks a GET /v1/tenants/:id/routes body. */
export function isTopFailingRoutes(v: unknown): v is TopFailingRoutes {
  return (
    isRecord(v) &&
    typeof v.from === 'string' &&
    typeof v.to === 'string' &&
    Array.isArray(v.routes) &&
    v.routes.every(
      (r) =>
        isRecord(r) &&
        typeof r.route === 'string' &&
        typeof r.requests === 'number' &&
        typeof r.errors === 'number' &&
        typeof r.errorPercent === 'number',
    )
  );
}

/** isTenantIncidents checks a GET /v1/tenants/:id/incidents body. */
export function isTenantIncidents(v: unknown): v is TenantIncidents {
  return (
    isRecord(v) &&
    Array.isArray(v.incidents) &&
    v.incidents.every(
      (i) =>
        isRecord(i) &&
        Number.isSafeInteger(i.groupId) &&
        typeof i.title === 'string' &&
        strOrNull(i.severity) &&
        typeof i.startedAt === 'string' &&
        strOrNull(i.acknowledgedAt) &&
        strOrNull(i.resolvedAt) &&
        typeof i.paged === 'boolean',
    )
  );
}

/** isTenantLimits checks a GET /v1/tenants/:id/limits body. */
export function isTenantLimits(v: unknown): v is TenantLimits {
  return (
    isRecord(v) &&
    (v.perSecond === null || typeof v.perSecond === 'number') &&
    (v.perMinute === null || typeof v.perMinute === 'number') &&
    typeof v.shadow === 'boolean' &&
    typeof v.source === 'string'
  );
}
