import { ForbiddenError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { canSeeTenant, principalOf } from '@sightline/authn';
import type { CollectorClient } from '../clients/CollectorClient';
import { TenantParams } from '../openapi/apiSchemas';

/** servicesRoute handles GET /v1/tenants/:id/services: the services the tenant has sent signals from. */
export function servicesRoute(collector: CollectorClient): RequestHandler {
  return async (req, res) => {
    const { id } = TenantParams.parse(req.params);
    if (!canSeeTenant(principalOf(res), id)) throw new ForbiddenError('this token may not see that tenant');
    res.set('cache-control', 'no-store').json(await collector.services(id));
  };
}
