import { SLA_WINDOW_SECONDS, SlaWindow, TenantId } from '@sightline/contracts';
import type { TraceView } from '@sightline/contracts';
import { BadRequestError, NotFoundError, requireInternalToken } from '@sightline/http';
import express from 'express';
import type { Router } from 'express';
import type { CollectorStore } from '../store/CollectorStore';
import { encodeCursor, parseLogQuery } from './parseLogQuery';
import { parseRollupSeriesQuery } from './parseRollupSeriesQuery';
import { parseRollupWindowsQuery } from './parseRollupWindowsQuery';
import { parseTopRoutesQuery } from './parseTopRoutesQuery';
import type { SseHub } from './SseHub';

/** InternalRoutesOptions configures internalRoutes. */
export interface InternalRoutesOptions {
  store: CollectorStore;
  sse: SseHub;
  internalToken: string;
}

/** internalRoutes serves the token-protected /internal/v1 API: rollups, traces, log search, services and the rollup event stream. */
export function internalRoutes(options: InternalRoutesOptions): Router {
  const { store, sse } = options;
  const router = express.Router();
  router.use(requireInternalToken(options.internalToken));

  router.get('/rollups/:tenant/windows', async (req, res) => {
    const tenant = TenantId.safeParse(req.params.tenant);
    if (!tenant.success) throw new BadRequestError('tenant must be 1-63 of [a-z0-9_-]');
    const windows = parseRollupWindowsQuery(req.query as Record<string, unknown>);
    const to = new Date();
    res.json({
      tenantId: tenant.data,
      to: to.toISOString(),
      windows: await store.rollupWindows(tenant.data, windows, to),
    });
  });

  router.get('/rollups/:tenant/series', async (req, res) => {
    const tenant = TenantId.safeParse(req.params.tenant);
    if (!tenant.success) throw new BadRequestError('tenant must be 1-63 of [a-z0-9_-]');
    const q = parseRollupSeriesQuery(req.query as Record<string, unknown>);
    res.json({
      tenantId: tenant.data,
      from: q.from.toISOString(),
      to: q.to.toISOString(),
      step: q.step,
      points: await store.rollupSeries(tenant.data, q.from, q.to, q.stepSeconds),
    });
  });

  router.get('/rollups/:tenant/routes', async (req, res) => {
    const tenant = TenantId.safeParse(req.params.tenant);
    if (!tenant.success) throw new BadRequestError('tenant must be 1-63 of [a-z0-9_-]');
    const q = parseTopRoutesQuery(req.query as Record<string, unknown>);
    res.json({ routes: await store.topFailingRoutes(tenant.data, q.from, q.to, q.limit) });
  });

  router.get('/rollups/:tenant', async (req, res) => {
    const tenant = TenantId.safeParse(req.params.tenant);
    if (!tenant.success) throw new BadRequestError('tenant must be 1-63 of [a-z0-9_-]');
    const window = SlaWindow.safeParse(req.query.window ?? '5m');
    if (!window.success) throw new BadRequestError('window must be one of 5m, 1h, 1d, 30d');
    const to = new Date();
    const from = new Date(to.getTime() - SLA_WINDOW_SECONDS[window.data] * 1000);
    res.json(await store.rollupAggregate(tenant.data, from, to));
  });

  router.get('/traces/:traceId', async (req, res) => {
    const traceId = String(req.params.traceId).toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(traceId)) throw new BadRequestError('trace id must be 32 hex digits');
    let tenant: string | undefined;
    if (req.query.tenant !== undefined) {
      const parsed = TenantId.safeParse(req.query.tenant);
      if (!parsed.success) throw new BadRequestError('tenant must be 1-63 of [a-z0-9_-]');
      tenant = parsed.data;
    }
    const rows = await store.traceRows(traceId, tenant);
    if (rows.spans.length === 0 && rows.logs.length === 0)
      throw new NotFoundError(`no spans or logs for trace ${traceId}`);
    const view: TraceView = { traceId, spans: rows.spans, logs: rows.logs };
    res.json(view);
  });

  router.get('/logs', async (req, res) => {
    const query = parseLogQuery(req.query as Record<string, unknown>);
    const page = await store.searchLogs(query);
    res.json({ logs: page.logs, nextCursor: page.next === null ? null : encodeCursor(page.next) });
  });

  router.get('/services', async (req, res) => {
    const tenant = TenantId.safeParse(req.query.tenant);
    if (!tenant.success) throw new BadRequestError('tenant is required: 1-63 of [a-z0-9_-]');
    res.json({ services: await store.listServices(tenant.data) });
  });

  router.get('/events', sse.handle);
  return router;
}
