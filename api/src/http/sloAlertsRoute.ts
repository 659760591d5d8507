import { ForbiddenError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { canSeeTenant, principalOf, seesAllTenants } from '@sightline/authn';
import type { AlertingClient } from '../clients/AlertingClient';
import { SloAlertsQuery } from '../openapi/sloSchemas';

/**
 * sloAlertsRoute handles GET /v1/slo-alerts?tenant=&state=: SLO alert events, newest first. A platform token
 * may omit the tenant to see every tenant's; a tenant token sees its own tenant's only.
 */
export function sloAlertsRoute(alerting: AlertingClient): RequestHandler {
  return async (req, res) => {
    const query = SloAlertsQuery.parse(req.query);
    const principal = principalOf(res);
    const all = seesAllTenants(principal);
    const tenant = query.tenant ?? (all ? undefined : principal.tenant);
    if (tenant === null || (tenant !== undefined && !canSeeTenant(principal, tenant)))
      throw new ForbiddenError('this token may not see that tenant');
    const { events } = await alerting.alerts({ tenant, state: query.state });
    // Defence in depth: another tenant's alerts never reach a tenant token even if alerting ignored ?tenant=.
    res
      .set('cache-control', 'no-store')
      .json({ events: tenant === undefined ? events : events.filter((e) => e.labels.tenant === tenant) });
  };
}
