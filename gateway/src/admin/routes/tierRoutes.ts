import { Router } from 'express';
import { z } from 'zod';
import { Tier } from '@sightline/contracts';
import { NotFoundError } from '@sightline/http';
import type { AdminContext } from '../AdminContext';
import { TierBody } from '../adminSchemas';
import { audited } from '../audited';

const Params = z.object({ tier: Tier });

/** tierRoutes serves the tiers' default limits; the set of tiers is fixed by the contracts (free, pro, enterprise). */
export function tierRoutes(ctx: AdminContext): Router {
  const r = Router();
  const { db } = ctx;
  r.get('/tiers', async (_req, res) => {
    res.json(await db.selectFrom('gateway.tiers').selectAll().orderBy('tier').execute());
  });
  r.get('/tiers/:tier', async (req, res) => {
    const { tier } = Params.parse(req.params);
    const row = await db.selectFrom('gateway.tiers').selectAll().where('tier', '=', tier).executeTakeFirst();
    if (!row) throw new NotFoundError(`no tier ${tier}`);
    res.json(row);
  });
  r.put('/tiers/:tier', async (req, res) => {
    const { tier } = Params.parse(req.params);
    const body = TierBody.parse(req.body);
    const after = await audited(
      ctx,
      req,
      res,
      { action: 'set', entity: 'tier', entityId: tier },
      async (trx) => {
        const before = await trx
          .selectFrom('gateway.tiers')
          .selectAll()
          .where('tier', '=', tier)
          .forUpdate()
          .executeTakeFirst();
        const values = {
          per_second: body.perSecond,
          per_minute: body.perMinute,
          class_limits: JSON.stringify(body.classLimits),
        };
        const row = await trx
          .insertInto('gateway.tiers')
          .values({ tier, ...values })
          .onConflict((oc) =>
            oc.column('tier').doUpdateSet({ ...values, updated_at: new Date().toISOString() }),
          )
          .returningAll()
          .executeTakeFirstOrThrow();
        return { before: before ?? null, after: row, result: row };
      },
    );
    res.json(after);
  });
  return r;
}
