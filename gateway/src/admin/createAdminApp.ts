import express from 'express';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Tenant } from '@sightline/contracts';
import { errorMiddleware, healthRoutes, notFoundHandler } from '@sightline/http';
import type { TenantCache } from '../tenants/TenantCache';
import { requireInternalToken } from './requireInternalToken';

/** AdminAppOptions configures createAdminApp. */
export interface AdminAppOptions {
  internalToken: string;
  tenants: TenantCache;
  registry: Registry;
  logger: Logger;
  ready: () => Promise<boolean>;
}

/** createAdminApp is the gateway's internal admin API: health, readiness, metrics and the tenant list. */
export function createAdminApp(options: AdminAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes({ registry: options.registry, ready: options.ready }));
  app.get('/internal/v1/tenants', requireInternalToken(options.internalToken), (_req, res) => {
    const body: Tenant[] = options.tenants
      .list()
      .map((t) => ({ id: t.id, name: t.name, tier: t.tier, timezone: t.timezone }));
    res.json(body);
  });
  app.use(notFoundHandler);
  app.use(errorMiddleware(options.logger));
  return app;
}
