import { ForbiddenError, NotFoundError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { canSeeTenant, principalOf, seesAllTenants } from '@sightline/authn';
import type { AlertingClient } from '../clients/AlertingClient';
import type { GatewayAdminClient } from '../clients/GatewayAdminClient';
import { TenantParams } from '../openapi/apiSchemas';
import { ACTIVITY_WINDOW_MS, IncidentsQuery } from '../openapi/tenantActivitySchemas';
import type { TenantIncidents } from '../openapi/tenantActivitySchemas';

/**
 * incidentsRoute handles GET /v1/tenants/:id/incidents?window=: the incidents of the tenant's alert groups that were
 * open at some time in the window, newest first, from alerting's reporting API.
 */
export function incidentsRoute(
  gateway: GatewayAdminClient,
  alerting: AlertingClient,
  now: () => Date = () => new Date(),
): RequestHandler {
  return async (req, res) => {
    const { id } = TenantParams.parse(req.params);
    const { window } = IncidentsQuery.parse(req.query);
    const principal = principalOf(res);
    if (!canSeeTenant(principal, id)) throw new ForbiddenError('this token may not see that tenant');
    if (!(await gateway.findTenant(id))) throw new NotFoundError(`no tenant ${id}`);
    const to = now();
    const from = new Date(to.getTime() - ACTIVITY_WINDOW_MS[window]).toISOString();
    const { incidents } = await alerting.incidents(
      id,
      { from, to: to.toISOString() },
      seesAllTenants(principal) ? null : id,
    );
    const body: TenantIncidents = {
      tenantId: id,
      window,
      from,
      to: to.toISOString(),
      // Alerting lists by start, oldest first; the page reads the latest first.
      incidents: incidents.toReversed(),
    };
    res.set('cache-control', 'no-store').json(body);
  };
}
