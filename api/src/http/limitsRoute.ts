import { ForbiddenError, NotFoundError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { canSeeTenant, principalOf } from '@sightline/authn';
import type { GatewayAdminClient } from '../clients/GatewayAdminClient';
import { TenantParams } from '../openapi/apiSchemas';
import { LimitsQuery } from '../openapi/tenantActivitySchemas';
import type { TenantLimits } from '../openapi/tenantActivitySchemas';

/**
 * limitsRoute handles GET /v1/tenants/:id/limits: the tenant's request limits in force at the gateway, after its
 * tier's defaults, its override and any unexpired emergency adjustment.
 */
export function limitsRoute(gateway: GatewayAdminClient): RequestHandler {
  return async (req, res) => {
    const { id } = TenantParams.parse(req.params);
    LimitsQuery.parse(req.query);
    if (!canSeeTenant(principalOf(res), id)) throw new ForbiddenError('this token may not see that tenant');
    const tenant = await gateway.findTenant(id);
    const limits = tenant && (await gateway.limits(id));
    if (!tenant || !limits) throw new NotFoundError(`no tenant ${id}`);
    const body: TenantLimits = {
      tenantId: id,
      tier: tenant.tier,
      perSecond: limits.perSecond,
      perMinute: limits.perMinute,
      shadow: limits.shadow,
      source: 'effective',
    };
    res.set('cache-control', 'no-store').json(body);
  };
}
