import { TenantId } from '@sightline/contracts';
import { BadRequestError, NotFoundError } from '@sightline/http';
import express from 'express';
import type { Response, Router } from 'express';
import type { SkippedSpec } from '../specs/loadSloDefinitions';
import type { SloAlertBus } from '../SloAlertBus';
import type { SloEngine } from '../SloEngine';
import type { SloStore } from '../SloStore';
import { definitionView, statusView } from './sloViews';
import { parseQuery } from './parseQuery';

/** MAX_HISTORY_POINTS bounds a history answer; longer ranges are thinned to one point per step. */
export const MAX_HISTORY_POINTS = 1000;
/** MAX_HISTORY_DAYS is the longest range a history request may ask for. */
export const MAX_HISTORY_DAYS = 35;

const SLO_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** SloRoutesOptions configures sloRoutes. */
export interface SloRoutesOptions {
  engine: SloEngine;
  store: SloStore;
  bus: SloAlertBus;
  skipped: readonly SkippedSpec[];
  now?: () => Date;
}

/** SloRoutes is the router and a way to end its open event streams when the server stops. */
export interface SloRoutes {
  router: Router;
  closeStreams(): void;
}

/** sloRoutes serves the SLO definitions, current status, budget history, the alert event log and its SSE stream. */
export function sloRoutes(options: SloRoutesOptions): SloRoutes {
  const streams = new Set<Response>();
  const { engine, store } = options;
  const now = options.now ?? (() => new Date());
  const router = express.Router();

  const tenantOf = (raw: unknown): string => {
    const t = TenantId.safeParse(raw);
    if (!t.success) throw new BadRequestError('tenant must be 1-63 of [a-z0-9_-]');
    return t.data;
  };
  const defsOf = (tenant: string) => {
    const defs = engine.definitions.filter((d) => d.tenant === tenant);
    if (defs.length === 0) throw new NotFoundError(`tenant ${tenant} has no SLOs`);
    return defs;
  };

  router.get('/slos', (req, res) => {
    const q = parseQuery(req.query, ['tenant']);
    const tenant = q.tenant === undefined ? undefined : tenantOf(q.tenant);
    const slos = engine.definitions
      .filter((d) => tenant === undefined || d.tenant === tenant)
      .map(definitionView);
    res.json({ slos, skipped: options.skipped });
  });

  router.get('/tenants/:tenant/slos', (req, res) => {
    parseQuery(req.query, []);
    const tenant = tenantOf(req.params.tenant);
    const defs = defsOf(tenant);
    const evaluation = engine.evaluation(tenant);
    res.json({
      tenant,
      evaluatedAt: evaluation?.evaluatedAt ?? null,
      slos: defs.map((d) =>
        statusView(
          d,
          evaluation?.statuses.find((s) => s.slo === d.slo),
          engine.firingFor(tenant, d.slo),
        ),
      ),
    });
  });

  router.get('/tenants/:tenant/slos/:slo/history', async (req, res) => {
    const q = parseQuery(req.query, ['from', 'to']);
    const tenant = tenantOf(req.params.tenant);
    if (!SLO_NAME.test(req.params.slo)) throw new BadRequestError('slo must be 1-63 of [a-z0-9_-]');
    const def = defsOf(tenant).find((d) => d.slo === req.params.slo);
    if (!def) throw new NotFoundError(`tenant ${tenant} has no SLO ${req.params.slo}`);
    const to = q.to === undefined ? now() : instant('to', q.to);
    const from = q.from === undefined ? new Date(to.getTime() - 86_400_000) : instant('from', q.from);
    const rangeSeconds = (to.getTime() - from.getTime()) / 1000;
    if (rangeSeconds <= 0) throw new BadRequestError('from must be before to');
    if (rangeSeconds > MAX_HISTORY_DAYS * 86400)
      throw new BadRequestError(`the range may span at most ${MAX_HISTORY_DAYS} days`);
    const stepSeconds = Math.max(60, Math.ceil(rangeSeconds / MAX_HISTORY_POINTS / 60) * 60);
    const points = await store.history(tenant, def.slo, from, to, stepSeconds);
    res.json({ tenant, slo: def.slo, from: from.toISOString(), to: to.toISOString(), stepSeconds, points });
  });

  router.get('/slo-alerts', async (req, res) => {
    const q = parseQuery(req.query, ['tenant', 'state', 'after', 'limit']);
    const tenant = q.tenant === undefined ? undefined : tenantOf(q.tenant);
    if (q.state !== undefined && q.state !== 'firing' && q.state !== 'resolved')
      throw new BadRequestError('state must be firing or resolved');
    const after = q.after === undefined ? undefined : integer('after', q.after, 0, Number.MAX_SAFE_INTEGER);
    const limit = q.limit === undefined ? 100 : integer('limit', q.limit, 1, 500);
    const events = await store.events({
      tenant,
      state: q.state as 'firing' | 'resolved' | undefined,
      after,
      limit,
    });
    res.json({ events });
  });

  router.get('/slo-alerts/stream', (req, res) => {
    parseQuery(req.query, []);
    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.write(': connected\n\n');
    const unsubscribe = options.bus.subscribe((event) => {
      res.write(`event: slo-alert\nid: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), 15_000);
    req.socket.setTimeout(0);
    streams.add(res);
    res.on('close', () => {
      streams.delete(res);
      clearInterval(heartbeat);
      unsubscribe();
    });
  });

  return {
    router,
    closeStreams: () => {
      for (const r of streams) r.end();
    },
  };
}

function instant(name: string, value: string): Date {
  const ms = ISO_INSTANT.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms))
    throw new BadRequestError(`${name} must be an ISO 8601 instant with a zone, e.g. 2026-01-31T12:00:00Z`);
  return new Date(ms);
}

function integer(name: string, value: string, min: number, max: number): number {
  if (!/^\d{1,16}$/.test(value))
    throw new BadRequestError(`${name} must be an integer from ${min} to ${max}`);
  const n = Number(value);
  if (n < min || n > max) throw new BadRequestError(`${name} must be an integer from ${min} to ${max}`);
  return n;
}
