import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@sightline/http';
import type { AdminContext } from '../AdminContext';
import { AllowlistBody, IdParam } from '../adminSchemas';
import { audited } from '../audited';
import { adminOf } from '../requireSuperAdmin';

const Params = z.object({ id: IdParam });

/** allowlistRoutes serves the allowlist of client CIDRs and user-agent prefixes whose traffic bypasses limits. */
export function allowlistRoutes(ctx: AdminContext): Router {
  const r = Router();
  const { db } = ctx;
  r.get('/allowlist', async (_req, res) => {
    res.json(await db.selectFrom('gateway.allowlist').selectAll().orderBy('id').execute());
  });
  r.post('/allowlist', async (req, res) => {
    const body = AllowlistBody.parse(req.body);
    const admin = adminOf(res);
    const row = await audited(ctx, req, res, { action: 'create', entity: 'allowlist' }, async (trx) => {
      const created = await trx
        .insertInto('gateway.allowlist')
        .values({
          kind: body.kind,
          value: body.value,
          reason: body.reason,
          created_by: admin.email ?? admin.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { before: null, after: created, entityId: created.id, result: created };
    });
    res.status(201).json(row);
  });
  r.delete('/allowlist/:id', async (req, res) => {
    const { id } = Params.parse(req.params);
    await audited(ctx, req, res, { action: 'delete', entity: 'allowlist', entityId: id }, async (trx) => {
      const before = await trx
        .deleteFrom('gateway.allowlist')
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!before) throw new NotFoundError(`no allowlist entry ${id}`);
      return { before, after: null, result: undefined };
    });
    res.status(204).end();
  });
  return r;
}
