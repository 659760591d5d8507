import express from 'express';
import type { Router } from 'express';
import type { AuthServices } from '../../AuthServices';
import { AuditQueryParams } from '@sightline/contracts';
import { adminOf, assertManagesTenant, isPlatformAdmin, requireAdmin } from './requireAdmin';

/**
 * auditRouter serves GET /admin/v1/audit: newest first, filtered by actor, action, tenant and time, paged
 * with `cursor`. A super_admin sees every event; a tenant_admin only its own tenant's.
 */
export function auditRouter(services: AuthServices): Router {
  const router = express.Router();
  router.get('/admin/v1/audit', requireAdmin(services), async (req, res) => {
    const caller = adminOf(res);
    const q = AuditQueryParams.parse(req.query);
    const tenant = isPlatformAdmin(caller.principal) ? q.tenant : (q.tenant ?? caller.principal.tenant!);
    if (tenant !== undefined) assertManagesTenant(caller, tenant);
    const page = await services.audit.query({
      ...(q.actor === undefined ? {} : { actor: q.actor }),
      ...(q.action === undefined ? {} : { action: q.action }),
      ...(tenant === undefined ? {} : { tenant }),
      ...(q.since === undefined ? {} : { since: q.since }),
      ...(q.until === undefined ? {} : { until: q.until }),
      ...(q.cursor === undefined ? {} : { before: q.cursor }),
      limit: q.limit ?? 100,
    });
    res.set('cache-control', 'no-store').json(page);
  });
  return router;
}
