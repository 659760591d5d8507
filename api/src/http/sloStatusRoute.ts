import { ForbiddenError, NotFoundError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { canSeeTenant, principalOf } from '@sightline/authn';
import type { AlertingClient } from '../clients/AlertingClient';
import type { GatewayAdminClient } from '../clients/GatewayAdminClient';
import { TenantParams } from '../openapi/apiSchemas';
import type { TenantSloStatus } from '../openapi/sloSchemas';

const NoQuery = z.strictObject({});

/**
 * sloStatusRoute handles GET /v1/tenants/:id/slos: every SLO of the tenant with its current budget, burn
 * rates, firing alerts and the thresholds of its burn-rate alerts. A known tenant without SLOs gets an empty
 * list; only a tenant the gateway does not know is a 404.
 */
export function sloStatusRoute(alerting: AlertingClient, gateway: GatewayAdminClient): RequestHandler {
  return async (req, res) => {
    const { id } = TenantParams.parse(req.params);
    NoQuery.parse(req.query);
    if (!canSeeTenant(principalOf(res), id)) throw new ForbiddenError('this token may not see that tenant');
    let body: TenantSloStatus;
    try {
      const [status, defs] = await Promise.all([alerting.tenantSlos(id), alerting.definitions(id)]);
      body = {
        tenant: id,
        evaluatedAt: status.evaluatedAt,
        slos: status.slos.map((s) => {
          const def = defs.slos.find((d) => d.tenant === id && d.slo === s.slo);
          return {
            ...s,
            service: def?.service ?? '',
            description: def?.description ?? '',
            alerts: def?.alerts ?? [],
          };
        }),
      };
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      if (!(await gateway.findTenant(id))) throw new NotFoundError(`no tenant ${id}`);
      body = { tenant: id, evaluatedAt: null, slos: [] };
    }
    res.set('cache-control', 'no-store').json(body);
  };
}
