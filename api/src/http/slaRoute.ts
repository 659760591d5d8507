import { ForbiddenError, NotFoundError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { canSeeTenant } from '@sightline/authn';
import { principalOf } from '@sightline/authn';
import type { GatewayAdminClient } from '../clients/GatewayAdminClient';
import { SlaQuery, TenantParams } from '../openapi/apiSchemas';
import type { SlaService } from '../sla/SlaService';

/** slaRoute handles GET /v1/tenants/:id/sla?window=: the tenant's SLA computed from the collector's rollups. */
export function slaRoute(gateway: GatewayAdminClient, sla: SlaService): RequestHandler {
  return async (req, res) => {
    const { id } = TenantParams.parse(req.params);
    const { window } = SlaQuery.parse(req.query);
    if (!canSeeTenant(principalOf(res), id)) throw new ForbiddenError('this token may not see that tenant');
    const tenant = await gateway.findTenant(id);
    if (!tenant) throw new NotFoundError(`no tenant ${id}`);
    res.set('cache-control', 'no-store').json(await sla.snapshot(tenant, window));
  };
}
