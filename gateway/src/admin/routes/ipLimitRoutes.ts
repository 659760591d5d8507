import { Router } from 'express';
import { z } from 'zod';
import type { AdminContext } from '../AdminContext';
import { IpLimitBody } from '../adminSchemas';
import { audited } from '../audited';
import { ENDPOINT_CLASS } from '../../routes/RouteSpec';

const Params = z.object({
  cls: z
    .string()
    .refine(
      (c) => c === '*' || ENDPOINT_CLASS.test(c),
      'endpoint class must match [a-z][a-z0-9_-]{0,31} or be *',
    ),
});

/** ipLimitRoutes serves the per-client-IP limits of the endpoint classes of routes without credentials. */
export function ipLimitRoutes(ctx: AdminContext): Router {
  const r = Router();
  r.get('/ip-limits', async (_req, res) => {
    res.json(await ctx.db.selectFrom('gateway.ip_limits').selectAll().orderBy('endpoint_class').execute());
  });
  r.put('/ip-limits/:cls', async (req, res) => {
    const { cls } = Params.parse(req.params);
    const body = IpLimitBody.parse(req.body);
    const after = await audited(
      ctx,
      req,
      res,
      { action: 'set', entity: 'ip_limit', entityId: cls },
      async (trx) => {
        const before = await trx
          .selectFrom('gateway.ip_limits')
          .selectAll()
          .where('endpoint_class', '=', cls)
          .forUpdate()
          .executeTakeFirst();
        const values = { per_second: body.perSecond, per_minute: body.perMinute };
        const row = await trx
          .insertInto('gateway.ip_limits')
          .values({ endpoint_class: cls, ...values })
          .onConflict((oc) => oc.column('endpoint_class').doUpdateSet(values))
          .returningAll()
          .executeTakeFirstOrThrow();
        return { before: before ?? null, after: row, result: row };
      },
    );
    res.json(after);
  });
  return r;
}
