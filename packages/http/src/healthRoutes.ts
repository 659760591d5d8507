import type { Router } from 'express';
import express from 'express';
import type { Registry } from 'prom-client';

/** HealthOptions configures healthRoutes. */
export interface HealthOptions {
  registry: Registry;
  /** Resolves true when every dependency is reachable. */
  ready: () => Promise<boolean>;
}

/** healthRoutes serves /healthz (liveness), /readyz (dependencies) and /metrics (Prometheus text). */
export function healthRoutes(options: HealthOptions): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ok = await options.ready().catch(() => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready' });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(options.registry.contentType).send(await options.registry.metrics());
  });
  return router;
}
