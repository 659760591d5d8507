import { LATENCY_BUCKETS_MS, SlaWindow, TraceId } from '@sightline/contracts';
import type { RollupAggregate, TraceView } from '@sightline/contracts';
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
  rollupRequests: string[];
  traceRequests: string[];
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
  const traceRequests: string[] = [];

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
    traceRequests,
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
