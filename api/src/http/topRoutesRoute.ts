import { ForbiddenError, NotFoundError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { canSeeTenant, principalOf } from '@sightline/authn';
import type { CollectorClient } from '../clients/CollectorClient';
import type { GatewayAdminClient } from '../clients/GatewayAdminClient';
import { TenantParams } from '../openapi/apiSchemas';
import { ACTIVITY_WINDOW_MS, TopRoutesQuery } from '../openapi/tenantActivitySchemas';
import type { TopFailingRoutes } from '../openapi/tenantActivitySchemas';

/** TOP_ROUTES_LIMIT is how many failing routes the tenant page lists. */
export const TOP_ROUTES_LIMIT = 10;

/**
 * topRoutesRoute handles GET /v1/tenants/:id/routes?window=: the tenant's gateway routes that failed most over the
 * window, from the collector's spans. The query and the tenant rule are checked before the collector is called.
 */
export function topRoutesRoute(
  gateway: GatewayAdminClient,
  collector: CollectorClient,
  now: () => Date = () => new Date(),
): RequestHandler {
  return async (req, res) => {
    const { id } = TenantParams.parse(req.params);
    const { window } = TopRoutesQuery.parse(req.query);
    if (!canSeeTenant(principalOf(res), id)) throw new ForbiddenError('this token may not see that tenant');
    if (!(await gateway.findTenant(id))) throw new NotFoundError(`no tenant ${id}`);
    const to = now();
    const from = new Date(to.getTime() - ACTIVITY_WINDOW_MS[window]);
    const body: TopFailingRoutes = {
      tenantId: id,
      window,
      from: from.toISOString(),
      to: to.toISOString(),
      routes: [],
    };
    // A collector that ignores the limit must not make the page list more than it asked for.
    body.routes = (await collector.topFailingRoutes(id, body.from, body.to, TOP_ROUTES_LIMIT)).slice(
      0,
      TOP_ROUTES_LIMIT,
    );
    res.set('cache-control', 'no-store').json(body);
  };
}
