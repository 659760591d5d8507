import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@sightline/http';
import type { AdminContext } from '../AdminContext';
import { OverrideBody, ShadowBody, TenantParam, UpdateTenantBody, CreateTenantBody } from '../adminSchemas';
import { audited } from '../audited';

const Params = z.object({ tenant: TenantParam });

/** tenantRoutes serves tenants (create with a tier, read, update, delete), their shadow flag and override. */
export function tenantRoutes(ctx: AdminContext): Router {
  const r = Router();
  const { db } = ctx;
  const findTenant = (id: string) =>
    db.selectFrom('gateway.tenants').selectAll().where('id', '=', id).executeTakeFirst();
  const findOverride = (id: string) =>
    db.selectFrom('gateway.tenant_overrides').selectAll().where('tenant_id', '=', id).executeTakeFirst();

  r.get('/tenants', async (_req, res) => {
    res.json(await db.selectFrom('gateway.tenants').selectAll().orderBy('id').execute());
  });

  r.post('/tenants', async (req, res) => {
    const body = CreateTenantBody.parse(req.body);
    const created = await audited(
      ctx,
      req,
      res,
      { action: 'create', entity: 'tenant', entityId: body.id },
      async (trx) => {
        const row = await trx
          .insertInto('gateway.tenants')
          .values({ id: body.id, name: body.name, tier: body.tier, timezone: body.timezone })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { before: null, after: row, result: row };
      },
    );
    res.status(201).json(created);
  });

  r.get('/tenants/:tenant', async (req, res) => {
    const { tenant } = Params.parse(req.params);
    const row = await findTenant(tenant);
    if (!row) throw new NotFoundError(`no tenant ${tenant}`);
    res.json({ ...row, override: (await findOverride(tenant)) ?? null });
  });

  r.patch('/tenants/:tenant', async (req, res) => {
    const { tenant } = Params.parse(req.params);
    const body = UpdateTenantBody.parse(req.body);
    const updated = await audited(
      ctx,
      req,
      res,
      { action: 'update', entity: 'tenant', entityId: tenant },
      async (trx) => {
        const before = await trx
          .selectFrom('gateway.tenants')
          .selectAll()
          .where('id', '=', tenant)
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw new NotFoundError(`no tenant ${tenant}`);
        const after = await trx
          .updateTable('gateway.tenants')
          .set(body)
          .where('id', '=', tenant)
          .returningAll()
          .executeTakeFirstOrThrow();
        return { before, after, result: after };
      },
    );
    res.json(updated);
  });

  r.delete('/tenants/:tenant', async (req, res) => {
    const { tenant } = Params.parse(req.params);
    await audited(ctx, req, res, { action: 'delete', entity: 'tenant', entityId: tenant }, async (trx) => {
      const before = await trx
        .deleteFrom('gateway.tenants')
        .where('id', '=', tenant)
        .returningAll()
        .executeTakeFirst();
      if (!before) throw new NotFoundError(`no tenant ${tenant}`);
      return { before, after: null, result: undefined };
    });
    res.status(204).end();
  });

  r.put('/tenants/:tenant/shadow', async (req, res) => {
    const { tenant } = Params.parse(req.params);
    const { enabled } = ShadowBody.parse(req.body);
    const after = await audited(
      ctx,
      req,
      res,
      { action: 'set-shadow', entity: 'tenant', entityId: tenant },
      async (trx) => {
        const before = await trx
          .selectFrom('gateway.tenants')
          .select(['id', 'shadow_mode'])
          .where('id', '=', tenant)
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw new NotFoundError(`no tenant ${tenant}`);
        const row = await trx
          .updateTable('gateway.tenants')
          .set({ shadow_mode: enabled })
          .where('id', '=', tenant)
          .returning(['id', 'shadow_mode'])
          .executeTakeFirstOrThrow();
        return { before, after: row, result: row };
      },
    );
    res.json(after);
  });

  r.get('/tenants/:tenant/override', async (req, res) => {
    const { tenant } = Params.parse(req.params);
    const row = await findOverride(tenant);
    if (!row) throw new NotFoundError(`tenant ${tenant} has no override`);
    res.json(row);
  });

  r.put('/tenants/:tenant/override', async (req, res) => {
    const { tenant } = Params.parse(req.params);
    const body = OverrideBody.parse(req.body);
    const after = await audited(
      ctx,
      req,
      res,
      { action: 'set-override', entity: 'tenant_override', entityId: tenant },
      async (trx) => {
        if (
          !(await trx.selectFrom('gateway.tenants').select('id').where('id', '=', tenant).executeTakeFirst())
        )
          throw new NotFoundError(`no tenant ${tenant}`);
        const before = await trx
          .selectFrom('gateway.tenant_overrides')
          .selectAll()
          .where('tenant_id', '=', tenant)
          .forUpdate()
          .executeTakeFirst();
        const values = {
          per_second: body.perSecond,
          per_minute: body.perMinute,
          class_limits: JSON.stringify(body.classLimits),
          reason: body.reason,
        };
        const row = await trx
          .insertInto('gateway.tenant_overrides')
          .values({ tenant_id: tenant, ...values })
          .onConflict((oc) =>
            oc.column('tenant_id').doUpdateSet({ ...values, updated_at: new Date().toISOString() }),
          )
          .returningAll()
          .executeTakeFirstOrThrow();
        return { before: before ?? null, after: row, result: row };
      },
    );
    res.json(after);
  });

  r.delete('/tenants/:tenant/override', async (req, res) => {
    const { tenant } = Params.parse(req.params);
    await audited(
      ctx,
      req,
      res,
      { action: 'delete-override', entity: 'tenant_override', entityId: tenant },
      async (trx) => {
        const before = await trx
          .deleteFrom('gateway.tenant_overrides')
          .where('tenant_id', '=', tenant)
          .returningAll()
          .executeTakeFirst();
        if (!before) throw new NotFoundError(`tenant ${tenant} has no override`);
        return { before, after: null, result: undefined };
      },
    );
    res.status(204).end();
  });

  r.get('/tenants/:tenant/limits', (req, res) => {
    const { tenant } = Params.parse(req.params);
    const entry = ctx.config.get(tenant);
    if (!entry) throw new NotFoundError(`no tenant ${tenant}`);
    res.json({
      tenant: entry.tenant,
      classes: Object.fromEntries(
        [...entry.plans].map(([cls, plan]) => [
          cls,
          plan.policies.map((p) => ({
            policy: p.name,
            type: p.type,
            limit: p.limit,
            windowSeconds: p.windowSeconds,
          })),
        ]),
      ),
    });
  });

  return r;
}
