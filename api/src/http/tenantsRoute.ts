import type { RequestHandler } from 'express';
import { visibleTenants } from '@sightline/authn';
import { principalOf } from '@sightline/authn';
import type { GatewayAdminClient } from '../clients/GatewayAdminClient';

/** tenantsRoute handles GET /v1/tenants: the gateway's tenants, filtered to those the token may see. */
export function tenantsRoute(gateway: GatewayAdminClient): RequestHandler {
  return async (_req, res) => {
    res.json(visibleTenants(principalOf(res), await gateway.listTenants()));
  };
}
