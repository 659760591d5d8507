import fc from 'fast-check';
import { fuzzAuthHeader } from './fuzzAuthHeader';
import type { FuzzRoute } from './fuzzRoutes';
import { fuzzRoutes } from './fuzzRoutes';
import type { FuzzStage } from './fuzzStage';
import type { FuzzTarget } from './fuzzTarget';

const tenant = fc.oneof(
  fc.constantFrom('acme', 'globex', 'initech', 'fuzz-tenant'),
  fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,62}$/),
);
const tier = fc.constantFrom('free', 'pro', 'enterprise');
const endpointClass = fc.oneof(
  fc.constantFrom('data', 'auth', 'default', 'admin'),
  fc.stringMatching(/^[a-z][a-z0-9_-]{0,31}$/),
);
const limit = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.constant(null));
const classLimits = fc.dictionary(
  endpointClass,
  fc.record({ perSecond: limit, perMinute: limit }, { requiredKeys: [] }),
  { maxKeys: 3 },
);
const reason = fc.string({ minLength: 1, maxLength: 60 });
const id = fc.oneof(fc.integer({ min: 1, max: 50 }).map(String), fc.constant('999999999999999999'));
const timeZone = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Mars/Olympus');

/** GATEWAY_ADMIN_ROUTES are every route of gateway/src/admin (createAdminApp and routes/), as their code reads. */
const GATEWAY_ADMIN_ROUTES: FuzzRoute[] = [
  { method: 'GET', path: '/admin/v1/tenants' },
  {
    method: 'POST',
    path: '/admin/v1/tenants',
    body: fc.record(
      { id: tenant, name: reason, tier, timezone: timeZone },
      { requiredKeys: ['id', 'name', 'tier'] },
    ),
  },
  { method: 'GET', path: '/admin/v1/tenants/:tenant', params: { tenant } },
  {
    method: 'PATCH',
    path: '/admin/v1/tenants/:tenant',
    params: { tenant },
    body: fc.record({ name: reason, tier, timezone: timeZone }, { requiredKeys: [] }),
  },
  {
    method: 'DELETE',
    path: '/admin/v1/tenants/:tenant',
    params: { tenant: fc.constantFrom('fuzz-tenant', 'no-such-tenant') },
  },
  {
    method: 'PUT',
    path: '/admin/v1/tenants/:tenant/shadow',
    params: { tenant },
    body: fc.record({ enabled: fc.boolean() }),
  },
  { method: 'GET', path: '/admin/v1/tenants/:tenant/override', params: { tenant } },
  {
    method: 'PUT',
    path: '/admin/v1/tenants/:tenant/override',
    params: { tenant },
    body: fc.record({ perSecond: limit, perMinute: limit, classLimits, reason }, { requiredKeys: [] }),
  },
  { method: 'DELETE', path: '/admin/v1/tenants/:tenant/override', params: { tenant } },
  { method: 'GET', path: '/admin/v1/tenants/:tenant/limits', params: { tenant } },
  { method: 'GET', path: '/admin/v1/tiers' },
  { method: 'GET', path: '/admin/v1/tiers/:tier', params: { tier } },
  {
    method: 'PUT',
    path: '/admin/v1/tiers/:tier',
    params: { tier },
    body: fc.record(
      { perSecond: limit, perMinute: limit, classLimits },
      { requiredKeys: ['perSecond', 'perMinute'] },
    ),
  },
  { method: 'GET', path: '/admin/v1/adjustments', query: { all: fc.constantFrom('true', 'false', '1') } },
  {
    method: 'POST',
    path: '/admin/v1/adjustments',
    body: fc.oneof(
      fc.record({
        tenantId: fc.oneof(tenant, fc.constant(null)),
        endpointClass: fc.oneof(endpointClass, fc.constant(null)),
        multiplier: fc.double({ min: 0, max: 1000, noNaN: true }),
        expiresInSeconds: fc.integer({ min: 1, max: 2_592_000 }),
        reason,
      }),
      fc.record(
        {
          tenantId: tenant,
          perSecond: fc.integer({ min: 0, max: 10_000_000 }),
          perMinute: fc.integer({ min: 0, max: 10_000_000 }),
          expiresAt: fc.date({ min: new Date(), noInvalidDate: true }).map((d) => d.toISOString()),
          reason,
        },
        { requiredKeys: ['reason'] },
      ),
    ),
  },
  { method: 'DELETE', path: '/admin/v1/adjustments/:id', params: { id } },
  { method: 'GET', path: '/admin/v1/allowlist' },
  {
    method: 'POST',
    path: '/admin/v1/allowlist',
    body: fc.oneof(
      fc.record({
        kind: fc.constant('cidr'),
        value: fc.oneof(
          fc.constantFrom('10.0.0.0/8', '::1/128', '0.0.0.0/0', '300.1.1.1/33', 'fe80::/10', '1.2.3.4'),
          fc.ipV4(),
          fc.ipV6(),
        ),
        reason,
      }),
      fc.record({
        kind: fc.constant('user_agent'),
        value: fc.constantFrom('Prometheus/2.0', 'curl/', 'kube-probe/1.29'),
        reason,
      }),
    ),
  },
  { method: 'DELETE', path: '/admin/v1/allowlist/:id', params: { id } },
  { method: 'GET', path: '/admin/v1/ip-limits' },
  {
    method: 'PUT',
    path: '/admin/v1/ip-limits/:cls',
    params: { cls: fc.oneof(endpointClass, fc.constant('*')) },
    body: fc.record({ perSecond: limit, perMinute: limit }),
  },
  {
    method: 'GET',
    path: '/admin/v1/audit',
    query: { limit: fc.integer({ min: 0, max: 600 }).map(String), before: id },
  },
];

/** GATEWAY_INTERNAL_ROUTES are the internal token's routes of the admin server. */
const GATEWAY_INTERNAL_ROUTES: FuzzRoute[] = [
  { method: 'GET', path: '/internal/v1/tenants' },
  { method: 'GET', path: '/internal/v1/tenants/:id/limits', params: { id: tenant } },
];

/** fuzzGatewayTargets is the gateway's admin API (super_admin JWT from the real auth) with its internal routes. */
export function fuzzGatewayTargets(stage: FuzzStage): FuzzTarget[] {
  return [
    {
      name: `gateway admin API (${GATEWAY_ADMIN_ROUTES.length + GATEWAY_INTERNAL_ROUTES.length} routes)`,
      service: 'gateway',
      requests: fc.oneof(
        { arbitrary: fuzzRoutes(GATEWAY_ADMIN_ROUTES, fuzzAuthHeader(stage.adminToken)), weight: 10 },
        { arbitrary: fuzzRoutes(GATEWAY_INTERNAL_ROUTES, fuzzAuthHeader(stage.internalToken)), weight: 1 },
      ),
    },
  ];
}
