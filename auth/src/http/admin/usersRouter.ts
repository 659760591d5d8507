import { TenantId } from '@sightline/contracts';
import { BadRequestError, ForbiddenError, NotFoundError } from '@sightline/http';
import express from 'express';
import type { Router } from 'express';
import { z } from 'zod';
import type { AuthServices } from '../../AuthServices';
import { CreateUserRequest } from '@sightline/contracts';
import { DuplicateEmailError, UserStore } from '../../users/UserStore';
import { ConflictError } from '@sightline/http';
import { jsonBody } from '../jsonBody';
import { idParam } from './idParam';
import {
  adminOf,
  assertManagesTenant,
  auditActor,
  isPlatformAdmin,
  managesTenant,
  requireAdmin,
} from './requireAdmin';

const ListUsersQuery = z.object({ tenant: TenantId.optional() }).strict();

/**
 * usersRouter serves /admin/v1/users: create (201), list and disable (DELETE). A tenant_admin works only
 * inside its own tenant and can neither grant super_admin nor create platform users.
 */
export function usersRouter(services: AuthServices): Router {
  const router = express.Router();
  router.use('/admin/v1/users', requireAdmin(services));

  router.post('/admin/v1/users', ...jsonBody(), async (req, res) => {
    const caller = adminOf(res);
    const body = CreateUserRequest.parse(req.body ?? {});
    if (!isPlatformAdmin(caller.principal)) {
      if (body.tenantId === null) throw new ForbiddenError('only a super_admin may create platform users');
      if (body.roles.includes('super_admin'))
        throw new ForbiddenError('only a super_admin may grant super_admin');
    }
    assertManagesTenant(caller, body.tenantId);
    const user = await services.db
      .transaction()
      .execute(async (trx) => {
        const created = await new UserStore(trx).create({
          ...body,
          createdBy: caller.principal.email ?? caller.principal.userId,
        });
        await services.audit.record(
          {
            actor: auditActor(caller),
            action: 'user.create',
            tenantId: created.tenantId,
            target: { type: 'user', id: created.id },
            result: 'success',
            ip: req.ip,
            details: { email: created.email, roles: created.roles },
          },
          trx,
        );
        return created;
      })
      .catch((err: unknown) => {
        if (err instanceof DuplicateEmailError) throw new ConflictError(err.message);
        throw err;
      });
    res.status(201).set('cache-control', 'no-store').json(user);
  });

  router.get('/admin/v1/users', async (req, res) => {
    const caller = adminOf(res);
    const query = ListUsersQuery.parse(req.query);
    const tenant = isPlatformAdmin(caller.principal)
      ? query.tenant
      : (query.tenant ?? caller.principal.tenant!);
    if (tenant !== undefined) assertManagesTenant(caller, tenant);
    res.set('cache-control', 'no-store').json({ users: await services.users.list(tenant) });
  });

  router.delete('/admin/v1/users/:id', async (req, res) => {
    const caller = adminOf(res);
    const id = idParam(req);
    const user = await services.users.find(id);
    // Another tenant's user answers as a missing one, so a tenant_admin cannot probe which ids exist.
    if (!user || !managesTenant(caller, user.tenantId)) throw new NotFoundError('no such user');
    if (!caller.clientId && user.id === caller.principal.userId) {
      throw new BadRequestError('you cannot disable yourself');
    }
    await services.db.transaction().execute(async (trx) => {
      if (!(await new UserStore(trx).disable(id))) return;
      await services.refresh.revokeUser(id, trx);
      await services.audit.record(
        {
          actor: auditActor(caller),
          action: 'user.disable',
          tenantId: user.tenantId,
          target: { type: 'user', id },
          result: 'success',
          ip: req.ip,
          details: { email: user.email },
        },
        trx,
      );
    });
    res.status(204).end();
  });
  return router;
}
