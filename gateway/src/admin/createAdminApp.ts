import express from 'express';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Tenant } from '@sightline/contracts';
import {
  errorMiddleware,
  healthRoutes,
  notFoundHandler,
  refuseUnstorableText,
  requireInternalToken,
} from '@sightline/http';
import type { JwtAuthenticator } from '../auth/JwtAuthenticator';
import type { AdminContext } from './AdminContext';
import { requireSuperAdmin } from './requireSuperAdmin';
import { adjustmentRoutes } from './routes/adjustmentRoutes';
import { allowlistRoutes } from './routes/allowlistRoutes';
import { auditRoutes } from './routes/auditRoutes';
import { ipLimitRoutes } from './routes/ipLimitRoutes';
import { tenantRoutes } from './routes/tenantRoutes';
import { tierRoutes } from './routes/tierRoutes';

/** AdminAppOptions configures createAdminApp. */
export interface AdminAppOptions extends AdminContext {
  internalToken: string;
  jwt: JwtAuthenticator;
  registry: Registry;
  logger: Logger;
  ready: () => Promise<boolean>;
}

/**
 * createAdminApp is the gateway's admin server: health, readiness, metrics, the internal tenant list, and the
 * super_admin API under /admin/v1 that changes limits (every change audited in the same transaction).
 */
export function createAdminApp(options: AdminAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes({ registry: options.registry, ready: options.ready }));
  app.get('/internal/v1/tenants', requireInternalToken(options.internalToken), (_req, res) => {
    const body: Tenant[] = options.config
      .list()
      .map((t) => ({ id: t.id, name: t.name, tier: t.tier, timezone: t.timezone }));
    res.json(body);
  });
  app.get('/internal/v1/tenants/:id/limits', requireInternalToken(options.internalToken), (req, res) => {
    const id = String(req.params.id);
    const entry = /^[a-z0-9_][a-z0-9_-]{0,62}$/.test(id) ? options.config.get(id) : undefined;
    if (!entry) {
      res
        .status(404)
        .type('application/problem+json')
        .json({ title: 'Not Found', status: 404, detail: `no tenant ${id}` });
      return;
    }
    // The limits in force now: tier defaults, then the tenant's override, then unexpired emergency adjustments.
    const tenantPolicies = [...entry.plans.values()][0]?.policies.filter((p) => p.type === 'tenant') ?? [];
    const classes = [...entry.plans].map(([endpointClass, plan]) => ({
      endpointClass,
      policies: plan.policies
        .filter((p) => p.type === 'class')
        .map((p) => ({ name: p.name, limit: p.limit, windowSeconds: p.windowSeconds })),
    }));
    const perWindow = (seconds: number) =>
      tenantPolicies.find((p) => p.windowSeconds === seconds)?.limit ?? null;
    res.json({
      tenantId: entry.tenant.id,
      tier: entry.tenant.tier,
      shadow: entry.tenant.shadow,
      perSecond: perWindow(1),
      perMinute: perWindow(60),
      classes,
    });
  });
  const admin = express.Router();
  admin.use(requireSuperAdmin(options.jwt));
  admin.use(express.json({ limit: '16kb', strict: true }), refuseUnstorableText);
  for (const routes of [
    tenantRoutes,
    tierRoutes,
    adjustmentRoutes,
    allowlistRoutes,
    ipLimitRoutes,
    auditRoutes,
  ])
    admin.use(routes(options));
  app.use('/admin/v1', admin);
  app.use(notFoundHandler);
  app.use(errorMiddleware(options.logger));
  return app;
}
