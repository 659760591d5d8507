import { ServiceErasureRequest, TenantId } from '@sightline/contracts';
import type { ServiceErasureReceipt } from '@sightline/contracts';
import express from 'express';
import type { Router } from 'express';
import { BadRequestError, UnsupportedMediaTypeError } from './HttpError';
import { requireInternalToken } from './requireInternalToken';

/** TenantEraser erases one tenant's personal data in one service and returns rows touched per store. */
export type TenantEraser = (tenantId: string, requestedBy: string) => Promise<Record<string, number>>;

/** TenantErasureRouteOptions configures tenantErasureRoute. */
export interface TenantErasureRouteOptions {
  /** The service name put on the receipt. */
  service: string;
  internalToken: string;
  erase: TenantEraser;
  /** Logs one line per erasure (tenant, requester, counts); never any erased value. */
  log: (fields: Record<string, unknown>, message: string) => void;
}

/**
 * tenantErasureRoute serves POST /internal/v1/erasure/tenants/:tenant, the step of the right to erasure that runs
 * in one service: internal token, a `{ requestedBy }` JSON body, and a receipt of what was erased. Erasers are
 * idempotent, so the api can retry a service that failed.
 */
export function tenantErasureRoute(options: TenantErasureRouteOptions): Router {
  const router = express.Router();
  router.post(
    '/internal/v1/erasure/tenants/:tenant',
    requireInternalToken(options.internalToken),
    (req, _res, next) => {
      if (!req.is('application/json'))
        throw new UnsupportedMediaTypeError('send the body as application/json');
      next();
    },
    express.json({ limit: '4kb', strict: true }),
    async (req, res) => {
      const tenant = TenantId.safeParse(req.params.tenant);
      if (!tenant.success) throw new BadRequestError('tenant: must be 1-63 of [a-z0-9_-]');
      const body = ServiceErasureRequest.parse(req.body);
      const counts = await options.erase(tenant.data, body.requestedBy);
      const receipt: ServiceErasureReceipt = {
        service: options.service,
        tenantId: tenant.data,
        erasedAt: new Date().toISOString(),
        counts,
      };
      options.log(
        { tenant_id: tenant.data, requested_by: body.requestedBy, counts },
        'erased the personal data of a tenant',
      );
      res.set('cache-control', 'no-store').json(receipt);
    },
  );
  return router;
}
