import { DEMO_TENANTS, TierDefaults } from '@sightline/contracts';
import type { Tenant } from '@sightline/contracts';
import { hasInternalToken, sendJson, startStubServer } from './startStubServer';
import type { StubServer } from './startStubServer';

/** STUB_TENANTS are the demo tenants as the gateway admin lists them (no API keys). */
export const STUB_TENANTS: Tenant[] = DEMO_TENANTS.map(({ id, name, tier, timezone }) => ({
  id,
  name,
  tier,
  timezone,
}));

/** startGatewayAdminStub serves GET /internal/v1/tenants and …/:id/limits, refusing callers without the internal token. */
export function startGatewayAdminStub(internalToken: string): Promise<StubServer> {
  return startStubServer((req, res) => {
    if (!hasInternalToken(req, internalToken)) {
      sendJson(res, 401, { status: 401 }, 'application/problem+json');
      return;
    }
    if (req.method === 'GET' && req.url === '/internal/v1/tenants') {
      sendJson(
        res,
        200,
        STUB_TENANTS.map((t) => ({ ...t, limits: { requestsPerSecond: 10 } })),
      );
      return;
    }
    const limits = /^\/internal\/v1\/tenants\/([^/]+)\/limits$/.exec(req.url ?? '');
    const tenant = limits && STUB_TENANTS.find((t) => t.id === limits[1]);
    if (req.method === 'GET' && tenant) {
      const d = TierDefaults[tenant.tier];
      sendJson(res, 200, {
        tenantId: tenant.id,
        tier: tenant.tier,
        shadow: false,
        perSecond: d.requestsPerSecond,
        perMinute: d.requestsPerMinute,
        classes: [],
      });
      return;
    }
    sendJson(res, 404, { status: 404 }, 'application/problem+json');
  });
}
