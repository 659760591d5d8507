import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@sightline/http';
import type { AdminContext } from '../AdminContext';
import { AdjustmentBody, IdParam } from '../adminSchemas';
import { audited } from '../audited';
import { adminOf } from '../requireSuperAdmin';

const Params = z.object({ id: IdParam });

/** adjustmentRoutes serves emergency adjustments: a multiplier or absolute limits with an expiry and a reason. */
export function adjustmentRoutes(ctx: AdminContext): Router {
  const r = Router();
  const { db } = ctx;
  r.get('/adjustments', async (req, res) => {
    let q = db.selectFrom('gateway.emergency_adjustments').selectAll().orderBy('id', 'desc').limit(500);
    if (req.query.all !== 'true') q = q.where('expires_at', '>', new Date());
    res.json(await q.execute());
  });
  r.post('/adjustments', async (req, res) => {
    const body = AdjustmentBody.parse(req.body);
    const admin = adminOf(res);
    const expiresAt = body.expiresAt
      ? new Date(body.expiresAt)
      : new Date(Date.now() + body.expiresInSeconds! * 1000);
    const row = await audited(
      ctx,
      req,
      res,
      { action: 'create', entity: 'emergency_adjustment' },
      async (trx) => {
        const created = await trx
          .insertInto('gateway.emergency_adjustments')
          .values({
            tenant_id: body.tenantId,
            endpoint_class: body.endpointClass,
            multiplier: body.multiplier ?? null,
            per_second: body.perSecond ?? null,
            per_minute: body.perMinute ?? null,
            reason: body.reason,
            expires_at: expiresAt.toISOString(),
            created_by: admin.email ?? admin.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { before: null, after: created, entityId: created.id, result: created };
      },
    );
    res.status(201).json(row);
  });
  r.delete('/adjustments/:id', async (req, res) => {
    const { id } = Params.parse(req.params);
    await audited(
      ctx,
      req,
      res,
      { action: 'delete', entity: 'emergency_adjustment', entityId: id },
      async (trx) => {
        const before = await trx
          .deleteFrom('gateway.emergency_adjustments')
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        if (!before) throw new NotFoundError(`no adjustment ${id}`);
        return { before, after: null, result: undefined };
      },
    );
    res.status(204).end();
  });
  return r;
}
