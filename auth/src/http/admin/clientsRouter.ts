import { NotFoundError } from '@sightline/http';
import express from 'express';
import type { Router } from 'express';
import type { AuthServices } from '../../AuthServices';
import { ClientStore } from '../../clients/ClientStore';
import { CreateClientRequest } from '@sightline/contracts';
import { jsonBody } from '../jsonBody';
import { idParam } from './idParam';
import { adminOf, assertManagesTenant, auditActor, requireAdmin } from './requireAdmin';
import { tenantParam } from './tenantParam';

const BASE = '/admin/v1/tenants/:tenant/clients';

/** clientsRouter serves a tenant's OAuth2 machine clients: create (secret shown once), list and revoke. */
export function clientsRouter(services: AuthServices): Router {
  const router = express.Router();
  router.use(BASE, requireAdmin(services), (req, res, next) => {
    assertManagesTenant(adminOf(res), tenantParam(req));
    next();
  });

  router.post(BASE, ...jsonBody(), async (req, res) => {
    const caller = adminOf(res);
    const tenantId = tenantParam(req);
    const body = CreateClientRequest.parse(req.body ?? {});
    const created = await services.db.transaction().execute(async (trx) => {
      const result = await new ClientStore(trx).create({
        tenantId,
        name: body.name,
        roles: body.roles,
        createdBy: caller.principal.email ?? caller.principal.userId,
      });
      await services.audit.record(
        {
          actor: auditActor(caller),
          action: 'client.create',
          tenantId,
          target: { type: 'client', id: result.client.clientId },
          result: 'success',
          ip: req.ip,
          details: { name: body.name, roles: body.roles },
        },
        trx,
      );
      return result;
    });
    res
      .status(201)
      .set('cache-control', 'no-store')
      .json({ ...created.client, clientSecret: created.clientSecret });
  });

  router.get(BASE, async (req, res) => {
    res.set('cache-control', 'no-store').json({ clients: await services.clients.list(tenantParam(req)) });
  });

  router.delete(`${BASE}/:id`, async (req, res) => {
    const caller = adminOf(res);
    const tenantId = tenantParam(req);
    const id = idParam(req);
    await services.db.transaction().execute(async (trx) => {
      if (!(await new ClientStore(trx).revoke(tenantId, id))) {
        throw new NotFoundError('this tenant has no such active client');
      }
      await services.audit.record(
        {
          actor: auditActor(caller),
          action: 'client.revoke',
          tenantId,
          target: { type: 'client', id },
          result: 'success',
          ip: req.ip,
        },
        trx,
      );
    });
    res.status(204).end();
  });
  return router;
}
