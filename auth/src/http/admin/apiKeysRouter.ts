import { NotFoundError } from '@sightline/http';
import express from 'express';
import type { Router } from 'express';
import { ApiKeyStore } from '../../apiKeys/ApiKeyStore';
import type { AuthServices } from '../../AuthServices';
import { CreateApiKeyRequest } from '@sightline/contracts';
import { jsonBody } from '../jsonBody';
import { idParam } from './idParam';
import { adminOf, assertManagesTenant, auditActor, requireAdmin } from './requireAdmin';
import { tenantParam } from './tenantParam';

const BASE = '/admin/v1/tenants/:tenant/api-keys';

/**
 * apiKeysRouter serves a tenant's API keys: create (the key is in this answer only), list (prefix, dates,
 * never the key) and revoke. A revoked key appears in the gateway's revocation feed.
 */
export function apiKeysRouter(services: AuthServices): Router {
  const router = express.Router();
  router.use(BASE, requireAdmin(services), (req, res, next) => {
    assertManagesTenant(adminOf(res), tenantParam(req));
    next();
  });

  router.post(BASE, ...jsonBody(), async (req, res) => {
    const caller = adminOf(res);
    const tenantId = tenantParam(req);
    const body = CreateApiKeyRequest.parse(req.body ?? {});
    const created = await services.db.transaction().execute(async (trx) => {
      const result = await new ApiKeyStore(trx).create({
        tenantId,
        name: body.name ?? null,
        createdBy: caller.principal.email ?? caller.principal.userId,
      });
      await services.audit.record(
        {
          actor: auditActor(caller),
          action: 'api_key.create',
          tenantId,
          target: { type: 'api_key', id: result.summary.id },
          result: 'success',
          ip: req.ip,
          details: { prefix: result.summary.prefix },
        },
        trx,
      );
      return result;
    });
    res
      .status(201)
      .set('cache-control', 'no-store')
      .json({ ...created.summary, key: created.key });
  });

  router.get(BASE, async (req, res) => {
    res.set('cache-control', 'no-store').json({ apiKeys: await services.apiKeys.list(tenantParam(req)) });
  });

  router.delete(`${BASE}/:id`, async (req, res) => {
    const caller = adminOf(res);
    const tenantId = tenantParam(req);
    const id = idParam(req);
    await services.db.transaction().execute(async (trx) => {
      const revoked = await new ApiKeyStore(trx).revoke(tenantId, id);
      if (!revoked) throw new NotFoundError('this tenant has no such active API key');
      await services.audit.record(
        {
          actor: auditActor(caller),
          action: 'api_key.revoke',
          tenantId,
          target: { type: 'api_key', id },
          result: 'success',
          ip: req.ip,
          details: { prefix: revoked.prefix },
        },
        trx,
      );
    });
    res.status(204).end();
  });
  return router;
}
