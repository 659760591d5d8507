import { Router } from 'express';
import type { AdminContext } from '../AdminContext';
import { AuditQuery } from '../adminSchemas';

/** auditRoutes lists the append-only config audit, newest first, paged by `before=<id>`. */
export function auditRoutes(ctx: AdminContext): Router {
  const r = Router();
  r.get('/audit', async (req, res) => {
    const { limit, before } = AuditQuery.parse(req.query);
    let q = ctx.db.selectFrom('gateway.config_audit').selectAll().orderBy('id', 'desc').limit(limit);
    if (before) q = q.where('id', '<', before);
    res.json(await q.execute());
  });
  return r;
}
