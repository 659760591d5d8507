import { createAlertEngineStub } from './AlertEngineStub';
import type { AlertEngineStub } from './AlertEngineStub';
import { hasInternalToken, sendJson, startStubServer } from './startStubServer';
import type { StubServer } from './startStubServer';

/** StubSloDefinition is one entry of GET /internal/v1/slos as alerting serves it. */
export interface StubSloDefinition {
  tenant: string;
  slo: string;
  service: string;
  description: string;
  objective: number;
  period: string;
  sli: { kind: string };
  minEvents: Record<string, number>;
  source: string;
  alerts: {
    alertname: string;
    severity: 'page' | 'ticket';
    burnrateTier: string;
    factor: number;
    longWindow: string;
    shortWindow: string;
  }[];
}

/** AlertingStub is a local alerting service serving the SLO internal API from memory. */
export interface AlertingStub extends StubServer {
  definitions: StubSloDefinition[];
  /** status is GET /internal/v1/tenants/:tenant/slos per tenant (tenants with definitions but none get nulls). */
  status: Map<string, { evaluatedAt: string | null; slos: Record<string, unknown>[] }>;
  history: Map<string, Record<string, unknown>[]>;
  events: Record<string, unknown>[];
  /** incidents holds what GET /internal/v1/reporting/incidents answers from, per tenant (oldest first). */
  incidents: Map<string, Record<string, unknown>[]>;
  /** incidentCallers holds the X-Sightline-Tenant header of each incidents request ('' when absent). */
  incidentCallers: string[];
  /** requests holds each request's path and query, exactly as it arrived. */
  requests: string[];
  /** brokenBody makes every 200 answer a body outside the contract. */
  brokenBody: boolean;
  /** engine serves the alert engine's routes (alerts, groups, silences, configuration, on-call, audit). */
  engine: AlertEngineStub;
}

const TENANT = /^[a-z0-9_][a-z0-9_-]{0,62}$/;
const SLO = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

class StubBadRequest extends Error {}

// alerting's own parseQuery: unknown, repeated or over-long parameters are a 400.
function query(params: URLSearchParams, allowed: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    if (!allowed.includes(key)) throw new StubBadRequest(`unknown query parameter ${key}`);
    const values = params.getAll(key);
    if (values.length > 1) throw new StubBadRequest(`${key} must be given once, as a plain value`);
    if (values[0]!.length > 200) throw new StubBadRequest(`${key} is too long`);
    out[key] = values[0]!;
  }
  return out;
}

function tenantOf(raw: string | undefined): string {
  if (raw === undefined || !TENANT.test(raw)) throw new StubBadRequest('tenant must be 1-63 of [a-z0-9_-]');
  return raw;
}

function instant(name: string, v: string): number {
  const ms = ISO.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) throw new StubBadRequest(`${name} must be an ISO 8601 instant with a zone`);
  return ms;
}

/**
 * startAlertingStub implements alerting's SLO internal contract (alerting/README.md) and its alert engine API
 * (AlertEngineStub); it refuses callers without the token.
 */
export async function startAlertingStub(internalToken: string): Promise<AlertingStub> {
  const state = {
    definitions: [] as StubSloDefinition[],
    status: new Map<string, { evaluatedAt: string | null; slos: Record<string, unknown>[] }>(),
    history: new Map<string, Record<string, unknown>[]>(),
    events: [] as Record<string, unknown>[],
    incidents: new Map<string, Record<string, unknown>[]>(),
    incidentCallers: [] as string[],
    requests: [] as string[],
    brokenBody: false,
    engine: createAlertEngineStub((): boolean => state.brokenBody),
  };
  const ok = (res: Parameters<typeof sendJson>[0], body: unknown) =>
    sendJson(res, 200, state.brokenBody ? { unexpected: true } : body);

  const server = await startStubServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    if (!hasInternalToken(req, internalToken)) {
      sendJson(res, 401, { status: 401 }, 'application/problem+json');
      return;
    }
    state.requests.push(`${url.pathname}${url.search}`);
    const problem = (status: number, detail: string) =>
      sendJson(
        res,
        status,
        { type: 'about:blank', title: 'Error', status, detail },
        'application/problem+json',
      );
    try {
      const p = url.pathname;
      if (p === '/internal/v1/slos') {
        const q = query(url.searchParams, ['tenant']);
        const tenant = q.tenant === undefined ? undefined : tenantOf(q.tenant);
        ok(res, {
          slos: state.definitions.filter((d) => tenant === undefined || d.tenant === tenant),
          skipped: [],
        });
        return;
      }
      const status = /^\/internal\/v1\/tenants\/([^/]+)\/slos$/.exec(p);
      const history = /^\/internal\/v1\/tenants\/([^/]+)\/slos\/([^/]+)\/history$/.exec(p);
      if (status || history) {
        const q = query(url.searchParams, history ? ['from', 'to'] : []);
        const tenant = tenantOf(decodeURIComponent((status ?? history)![1]!));
        const defs = state.definitions.filter((d) => d.tenant === tenant);
        if (defs.length === 0) return problem(404, `tenant ${tenant} has no SLOs`);
        if (status) {
          const s = state.status.get(tenant);
          ok(res, {
            tenant,
            evaluatedAt: s?.evaluatedAt ?? null,
            slos:
              s?.slos ??
              defs.map((d) => ({
                slo: d.slo,
                objective: d.objective,
                period: d.period,
                sli: null,
                errorBudgetRemaining: null,
                timeToExhaustionSeconds: null,
                burnRates: null,
                windows: null,
                firingAlerts: [],
              })),
          });
          return;
        }
        const slo = decodeURIComponent(history![2]!);
        if (!SLO.test(slo)) throw new StubBadRequest('slo must be 1-63 of [a-z0-9_-]');
        if (!defs.some((d) => d.slo === slo)) return problem(404, `tenant ${tenant} has no SLO ${slo}`);
        const to = q.to === undefined ? Date.now() : instant('to', q.to);
        const from = q.from === undefined ? to - 86_400_000 : instant('from', q.from);
        if (to <= from) throw new StubBadRequest('from must be before to');
        if (to - from > 35 * 86_400_000) throw new StubBadRequest('the range may span at most 35 days');
        const stepSeconds = Math.max(60, Math.ceil((to - from) / 1000 / 1000 / 60) * 60);
        const points = (state.history.get(`${tenant}/${slo}`) ?? []).filter((pt) => {
          const at = Date.parse(pt.at as string);
          return at >= from && at <= to;
        });
        ok(res, {
          tenant,
          slo,
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          stepSeconds,
          points,
        });
        return;
      }
      if (p === '/internal/v1/reporting/incidents') {
        // alerting's parseReportingQuery and its caller check (reportingRoutes.ts).
        const q = query(url.searchParams, ['tenant', 'from', 'to']);
        const tenant = tenantOf(q.tenant);
        if (q.from === undefined || q.to === undefined) throw new StubBadRequest('from and to are required');
        const from = instant('from', q.from);
        const to = instant('to', q.to);
        if (to <= from) throw new StubBadRequest('from must be before to');
        if (to - from > 400 * 86_400_000) throw new StubBadRequest('from..to may span at most 400 days');
        const caller = req.headers['x-sightline-tenant'];
        state.incidentCallers.push(typeof caller === 'string' ? caller : '');
        if (typeof caller === 'string' && caller !== tenant)
          return problem(403, `this caller may only read tenant ${caller}`);
        ok(res, {
          incidents: (state.incidents.get(tenant) ?? []).filter((i) => {
            const started = Date.parse(i.startedAt as string);
            const resolved = i.resolvedAt === null ? Infinity : Date.parse(i.resolvedAt as string);
            return started < to && resolved > from;
          }),
        });
        return;
      }
      if (p === '/internal/v1/slo-alerts') {
        const q = query(url.searchParams, ['tenant', 'state', 'after', 'limit']);
        const tenant = q.tenant === undefined ? undefined : tenantOf(q.tenant);
        if (q.state !== undefined && q.state !== 'firing' && q.state !== 'resolved')
          throw new StubBadRequest('state must be firing or resolved');
        ok(res, {
          events: state.events.filter(
            (e) =>
              (tenant === undefined || (e.labels as Record<string, string>).tenant === tenant) &&
              (q.state === undefined || e.state === q.state),
          ),
        });
        return;
      }
      if (state.engine.handle(req, res, url)) return;
      problem(404, 'no such route');
    } catch (err) {
      if (err instanceof StubBadRequest) problem(400, err.message);
      else throw err;
    }
  });
  return Object.assign(state, server);
}
