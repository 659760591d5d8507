import { LATENCY_BUCKETS_MS, SlaWindow, TraceId } from '@sightline/contracts';
import type { LogView, RollupAggregate, TraceView } from '@sightline/contracts';
import type { ServerResponse } from 'node:http';
import { hasInternalToken, sendJson, startStubServer } from './startStubServer';
import type { StubServer } from './startStubServer';

/** CollectorStub is a local collector that serves rollups, traces and the rollups event stream from memory. */
export interface CollectorStub extends StubServer {
  /** setRollups sets what GET /internal/v1/rollups/:tenant answers, for every window unless one is given. */
  setRollups(tenantId: string, counts: Partial<Omit<RollupAggregate, 'tenantId'>>, window?: SlaWindow): void;
  addTrace(trace: TraceView): void;
  /** emitRollups sends `event: rollups` to every open event stream. */
  emitRollups(tenants: string[]): void;
  /** sendRaw writes raw text to every open event stream. */
  sendRaw(text: string): void;
  /** dropStreams ends every open event stream from the collector side. */
  dropStreams(): void;
  eventClients(): number;
  /** addLogs stores log records that GET /internal/v1/logs searches. */
  addLogs(logs: LogView[]): void;
  /** setServices sets what GET /internal/v1/services answers for a tenant. */
  setServices(tenantId: string, services: { service: string; lastSeen: string }[]): void;
  /** leakOtherTenants makes the log search ignore ?tenant=, as a buggy collector would. */
  leakOtherTenants: boolean;
  /** setSeries sets the per-step points GET /internal/v1/rollups/:tenant/series answers from. */
  setSeries(tenantId: string, points: SeriesPoint[]): void;
  /** setRoutes sets the failing routes GET /internal/v1/rollups/:tenant/routes answers for a tenant. */
  setRoutes(tenantId: string, routes: StubFailingRoute[]): void;
  /** routeRequests holds each failing-routes request's tenant and query string, exactly as they arrived. */
  routeRequests: string[];
  /** seriesRequests holds each series request's query string, exactly as it arrived. */
  seriesRequests: string[];
  rollupRequests: string[];
  traceRequests: string[];
  /** logRequests holds each log search's query string, exactly as it arrived. */
  logRequests: string[];
}

const LOG_PARAMS = new Set([
  'tenant',
  'service',
  'severity',
  'q',
  'from',
  'to',
  'traceId',
  'limit',
  'cursor',
]);

/** SeriesPoint is one step of the collector's series contract. */
export interface SeriesPoint {
  t: string;
  requests: number;
  errors: number;
  rateLimited: number;
  latencyBuckets: number[];
}

/** StubFailingRoute is one entry of the collector's failing-routes contract. */
export interface StubFailingRoute {
  route: string;
  requests: number;
  errors: number;
  errorPercent: number;
}

// The collector's parseTopRoutesQuery: from/to instants, from before to, at most 35 days, a limit of 1-50.
function checkRoutesQuery(params: URLSearchParams): string | undefined {
  for (const key of new Set(params.keys())) {
    if (!['from', 'to', 'limit'].includes(key)) return `unknown parameter ${key}`;
    if (params.getAll(key).length > 1) return `${key} must be given once`;
  }
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (!ISO_INSTANT.test(from) || !ISO_INSTANT.test(to)) return 'from and to must be ISO 8601 instants';
  const range = Date.parse(to) - Date.parse(from);
  if (range <= 0) return 'from must be before to';
  if (range > 35 * 86_400_000) return 'from..to may span at most 35 days';
  const limit = params.get('limit');
  if (limit !== null && !(/^\d{1,3}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 50))
    return 'limit must be an integer from 1 to 50';
  return undefined;
}

const SERIES_STEP_SECONDS: Record<string, number> = {
  '10s': 10,
  '1m': 60,
  '5m': 300,
  '1h': 3600,
  '1d': 86400,
};
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

// The series contract's checks: from/to ISO instants, a known step, from before to, at most 2000 steps.
function checkSeriesQuery(params: URLSearchParams): string | undefined {
  for (const key of new Set(params.keys())) {
    if (!['from', 'to', 'step'].includes(key)) return `unknown parameter ${key}`;
    if (params.getAll(key).length > 1) return `${key} must be given once`;
  }
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (!ISO_INSTANT.test(from) || !ISO_INSTANT.test(to)) return 'from and to must be ISO 8601 instants';
  const step = SERIES_STEP_SECONDS[params.get('step') ?? ''];
  if (step === undefined) return 'step must be 10s, 1m, 5m, 1h or 1d';
  const range = Date.parse(to) - Date.parse(from);
  if (range <= 0) return 'from must be before to';
  if (Math.ceil(range / (step * 1000)) > 2000) return 'at most 2000 steps';
  return undefined;
}

/** stubCursor encodes a page position as the collector does: base64url JSON of [time, id]. */
export function stubCursor(time: string, id: string): string {
  return Buffer.from(JSON.stringify([time, id])).toString('base64url');
}

// The collector's own checks on a log search (see collector/src/internal/parseLogQuery.ts), so that the
// api is tested against a stub that refuses what the real one refuses.
function checkLogQuery(params: URLSearchParams): string | undefined {
  for (const key of new Set(params.keys())) {
    if (!LOG_PARAMS.has(key)) return `unknown parameter ${key}`;
    if (params.getAll(key).length > 1) return `${key} must be given once`;
  }
  if (!/^[a-z0-9_][a-z0-9_-]{0,62}$/.test(params.get('tenant') ?? '')) return 'tenant is required';
  const q = params.get('q');
  if (q !== null && (q.trim() === '' || q.length > 500)) return 'q must be 1-500 characters';
  const cursor = params.get('cursor');
  if (cursor !== null) {
    try {
      const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
      if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string' || !/^\d{1,19}$/.test(String(v[1])))
        return 'cursor is not one this API issued';
    } catch {
      return 'cursor is not one this API issued';
    }
  }
  return undefined;
}

/** emptyAggregate is what the collector answers for a tenant with no traffic. */
export function emptyAggregate(tenantId: string): RollupAggregate {
  return {
    tenantId,
    from: '2026-01-01T00:00:00.000Z',
    to: '2026-01-01T00:05:00.000Z',
    requests: 0,
    errors: 0,
    rateLimited: 0,
    latencyBuckets: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0),
  };
}

/** startCollectorStub implements the collector's internal contract; it refuses callers without the internal token. */
export async function startCollectorStub(internalToken: string): Promise<CollectorStub> {
  const rollups = new Map<string, RollupAggregate>();
  const traces = new Map<string, TraceView>();
  const streams = new Set<ServerResponse>();
  const rollupRequests: string[] = [];
  const seriesRequests: string[] = [];
  const series = new Map<string, SeriesPoint[]>();
  const routes = new Map<string, StubFailingRoute[]>();
  const routeRequests: string[] = [];
  const traceRequests: string[] = [];
  const logRequests: string[] = [];
  const logs: LogView[] = [];
  const services = new Map<string, { service: string; lastSeen: string }[]>();
  const state = { leakOtherTenants: false };

  const server = await startStubServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    if (url.pathname === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (!hasInternalToken(req, internalToken)) {
      sendJson(res, 401, { status: 401 }, 'application/problem+json');
      return;
    }
    const seriesPath = /^\/internal\/v1\/rollups\/([^/]+)\/series$/.exec(url.pathname);
    if (seriesPath) {
      seriesRequests.push(url.search);
      const problem = checkSeriesQuery(url.searchParams);
      if (problem !== undefined) {
        sendJson(
          res,
          400,
          { status: 400, title: 'Bad Request', detail: problem },
          'application/problem+json',
        );
        return;
      }
      const tenantId = decodeURIComponent(seriesPath[1]!);
      const from = Date.parse(url.searchParams.get('from')!);
      const to = Date.parse(url.searchParams.get('to')!);
      sendJson(res, 200, {
        tenantId,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        step: url.searchParams.get('step'),
        points: (series.get(tenantId) ?? []).filter((p) => Date.parse(p.t) >= from && Date.parse(p.t) < to),
      });
      return;
    }
    const routesPath = /^\/internal\/v1\/rollups\/([^/]+)\/routes$/.exec(url.pathname);
    if (routesPath) {
      const tenantId = decodeURIComponent(routesPath[1]!);
      routeRequests.push(`${tenantId}${url.search}`);
      const problem = checkRoutesQuery(url.searchParams);
      if (problem !== undefined) {
        sendJson(
          res,
          400,
          { status: 400, title: 'Bad Request', detail: problem },
          'application/problem+json',
        );
        return;
      }
      sendJson(res, 200, { routes: routes.get(tenantId) ?? [] });
      return;
    }
    const rollup = /^\/internal\/v1\/rollups\/([^/]+)$/.exec(url.pathname);
    if (rollup) {
      const tenantId = decodeURIComponent(rollup[1]!);
      const window = SlaWindow.safeParse(url.searchParams.get('window'));
      if (!window.success) {
        sendJson(res, 400, { status: 400 }, 'application/problem+json');
        return;
      }
      rollupRequests.push(`${tenantId}:${window.data}`);
      sendJson(res, 200, rollups.get(`${tenantId}:${window.data}`) ?? emptyAggregate(tenantId));
      return;
    }
    const trace = /^\/internal\/v1\/traces\/([^/]+)$/.exec(url.pathname);
    if (trace) {
      traceRequests.push(`${trace[1]}${url.search}`);
      if (!TraceId.safeParse(trace[1]).success) {
        sendJson(res, 400, { status: 400 }, 'application/problem+json');
        return;
      }
      const found = traces.get(trace[1]!);
      const tenant = url.searchParams.get('tenant');
      const spans = found?.spans.filter((s) => tenant === null || s.tenantId === tenant) ?? [];
      if (!found || spans.length === 0) {
        sendJson(res, 404, { status: 404 }, 'application/problem+json');
        return;
      }
      sendJson(res, 200, {
        ...found,
        spans,
        logs: found.logs.filter((l) => tenant === null || l.tenantId === tenant),
      });
      return;
    }
    if (url.pathname === '/internal/v1/logs') {
      logRequests.push(url.search);
      const problem = checkLogQuery(url.searchParams);
      if (problem !== undefined) {
        sendJson(
          res,
          400,
          { status: 400, title: 'Bad Request', detail: problem },
          'application/problem+json',
        );
        return;
      }
      const p = url.searchParams;
      const limit = Number(p.get('limit') ?? '100');
      const after = p.get('cursor');
      const afterId =
        after === null
          ? Infinity
          : Number((JSON.parse(Buffer.from(after, 'base64url').toString()) as [string, string])[1]);
      const text = p.get('q');
      const matching = logs
        .filter((l) => state.leakOtherTenants || l.tenantId === p.get('tenant'))
        .filter((l) => p.get('service') === null || l.service === p.get('service'))
        .filter((l) => p.get('traceId') === null || l.traceId === p.get('traceId'))
        // The stub matches text literally, as a bind parameter would: nothing in it is ever interpreted.
        .filter((l) => text === null || l.body.includes(text))
        .filter((l) => Number(l.id) < afterId)
        .sort((a, b) => Number(b.id) - Number(a.id));
      const page = matching.slice(0, limit);
      const last = page[page.length - 1];
      sendJson(res, 200, {
        logs: page,
        nextCursor:
          matching.length > limit && last ? stubCursor(`${last.time.slice(0, 23)}000Z`, last.id) : null,
      });
      return;
    }
    if (url.pathname === '/internal/v1/services') {
      const tenant = url.searchParams.get('tenant') ?? '';
      sendJson(res, 200, { services: services.get(tenant) ?? [] });
      return;
    }
    if (url.pathname === '/internal/v1/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    sendJson(res, 404, { status: 404 }, 'application/problem+json');
  });

  return {
    ...server,
    rollupRequests,
    seriesRequests,
    routeRequests,
    setRoutes(tenantId, list) {
      routes.set(tenantId, list);
    },
    setSeries(tenantId, points) {
      series.set(tenantId, points);
    },
    traceRequests,
    logRequests,
    get leakOtherTenants() {
      return state.leakOtherTenants;
    },
    set leakOtherTenants(v: boolean) {
      state.leakOtherTenants = v;
    },
    addLogs(more) {
      logs.push(...more);
    },
    setServices(tenantId, list) {
      services.set(tenantId, list);
    },
    setRollups(tenantId, counts, window) {
      for (const w of window ? [window] : SlaWindow.options)
        rollups.set(`${tenantId}:${w}`, { ...emptyAggregate(tenantId), ...counts });
    },
    addTrace(t) {
      traces.set(t.traceId, t);
    },
    emitRollups(tenants) {
      const frame = `event: rollups\ndata: ${JSON.stringify({ tenants, at: new Date().toISOString() })}\n\n`;
      for (const s of streams) s.write(frame);
    },
    sendRaw(text) {
      for (const s of streams) s.write(text);
    },
    dropStreams() {
      for (const s of streams) s.destroy();
      streams.clear();
    },
    eventClients: () => streams.size,
    async close() {
      for (const s of streams) s.end();
      await server.close();
    },
  };
}
