import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StubAlert, StubGroupDetail } from './alertEngineFixtures';
import { readBody, sendJson } from './startStubServer';

/** EngineRequest is one call the api made to the alert engine, with the caller headers it carried. */
export interface EngineRequest {
  method: string;
  /** path is the path and query, exactly as they arrived. */
  path: string;
  actor: string | undefined;
  tenant: string | undefined;
  body: unknown;
}

type Row = Record<string, unknown>;
const RESOURCES = ['channels', 'users', 'schedules', 'policies', 'routes', 'silences'] as const;
type Resource = (typeof RESOURCES)[number];

/** AlertEngineStub is alerting's alert engine API (alertRoutes.ts, configRoutes.ts) served from memory. */
export interface AlertEngineStub {
  alerts: StubAlert[];
  groups: StubGroupDetail[];
  resources: Record<Resource, Map<string, Row>>;
  audit: Row[];
  requests: EngineRequest[];
  /** ignoreTenantHeader makes reads ignore X-Sightline-Tenant, as a buggy alerting would. */
  ignoreTenantHeader: boolean;
  /** lastRequest is the newest call, for checking the headers the api forwarded. */
  lastRequest(): EngineRequest | undefined;
  reset(): void;
}

// alerting's checks (src/api/RequestActor.ts, alertRoutes.ts, configRoutes.ts), so the stub refuses what it refuses.
const ACTOR = /^[\w.@:+-]{1,128}$/;
const TENANT = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const BODY_LIMIT = 64 * 1024;
const PLATFORM_ONLY = new Set<Resource>(['channels', 'users', 'schedules', 'policies', 'routes']);
const KEYS: Record<Resource, { required: string[]; optional: string[] }> = {
  channels: { required: ['name', 'config'], optional: [] },
  users: { required: ['name'], optional: ['email', 'channelIds'] },
  schedules: { required: ['name', 'spec'], optional: [] },
  policies: { required: ['name'], optional: ['repeat', 'steps'] },
  routes: {
    required: ['name'],
    optional: [
      'parentId',
      'position',
      'matchers',
      'continue',
      'groupBy',
      'groupWaitSeconds',
      'groupIntervalSeconds',
      'repeatIntervalSeconds',
      'policyId',
    ],
  },
  silences: {
    required: ['window', 'comment'],
    optional: ['kind', 'tenant', 'service', 'matchers', 'reminderChannelId'],
  },
};
const QUERY: Record<string, { keys: string[]; maxLimit: number }> = {
  '/alerts': { keys: ['tenant', 'state', 'severity', 'limit'], maxLimit: 1000 },
  '/groups': { keys: ['tenant', 'state', 'severity', 'limit'], maxLimit: 500 },
  '/audit': { keys: ['limit'], maxLimit: 1000 },
};

class StubProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail);
  }
}

/** createAlertEngineStub makes an empty alert engine; handle answers its routes and says whether it did. */
export function createAlertEngineStub(brokenBody: () => boolean): AlertEngineStub & {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
} {
  const stub = {
    alerts: [] as StubAlert[],
    groups: [] as StubGroupDetail[],
    resources: Object.fromEntries(RESOURCES.map((r) => [r, new Map<string, Row>()])) as Record<
      Resource,
      Map<string, Row>
    >,
    audit: [] as Row[],
    requests: [] as EngineRequest[],
    ignoreTenantHeader: false,
    lastRequest: () => stub.requests.at(-1),
    reset() {
      stub.alerts.length = 0;
      stub.groups.length = 0;
      for (const r of RESOURCES) stub.resources[r].clear();
      stub.audit.length = 0;
      stub.requests.length = 0;
      stub.ignoreTenantHeader = false;
    },
    handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
      const path = url.pathname.replace(/^\/internal\/v1/, '');
      if (!/^\/(alerts|groups|audit|channels|users|schedules|policies|routes|silences)(\/|$)/.test(path))
        return false;
      void readBody(req).then((text) => {
        const send = (status: number, body?: unknown) => {
          if (body === undefined) res.writeHead(status).end();
          else sendJson(res, status, status < 300 && brokenBody() ? { unexpected: true } : body);
        };
        try {
          const body = parseBody(req, text);
          stub.requests.push({
            method: req.method ?? 'GET',
            path: `${url.pathname}${url.search}`,
            actor: req.headers['x-sightline-actor'] as string | undefined,
            tenant: req.headers['x-sightline-tenant'] as string | undefined,
            body,
          });
          const who = callerOf(req);
          if (stub.ignoreTenantHeader && req.method === 'GET') who.tenant = null;
          route(stub, req.method ?? 'GET', path, url.searchParams, who, body, send);
        } catch (err) {
          if (!(err instanceof StubProblem)) throw err;
          const problem = { type: 'about:blank', title: 'Error', status: err.status, detail: err.message };
          sendJson(res, err.status, problem, 'application/problem+json');
        }
      });
      return true;
    },
  };
  return stub;
}

function parseBody(req: IncomingMessage, text: string): unknown {
  if (Buffer.byteLength(text) > BODY_LIMIT) throw new StubProblem(413, 'request body too large');
  if (text === '') return undefined;
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new StubProblem(400, 'malformed JSON body');
  }
}

function callerOf(req: IncomingMessage): { actor: string; tenant: string | null } {
  const actor = (req.headers['x-sightline-actor'] as string | undefined) ?? 'internal';
  if (!ACTOR.test(actor)) throw new StubProblem(400, 'X-Sightline-Actor must be 1-128 of [A-Za-z0-9_.@:+-]');
  const tenant = (req.headers['x-sightline-tenant'] as string | undefined) ?? null;
  if (tenant !== null && !TENANT.test(tenant))
    throw new StubProblem(400, 'X-Sightline-Tenant must be a tenant id');
  return { actor, tenant };
}

function query(path: string, params: URLSearchParams): Record<string, string> {
  const spec = QUERY[path] ?? { keys: [], maxLimit: 0 };
  const out: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    if (!spec.keys.includes(key)) throw new StubProblem(400, `body: Unrecognized key: "${key}"`);
    out[key] = params.get(key)!;
  }
  const limit = out.limit === undefined ? 1 : Number(out.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > spec.maxLimit)
    throw new StubProblem(400, 'limit: out of range');
  if (out.tenant !== undefined && !TENANT.test(out.tenant))
    throw new StubProblem(400, 'tenant: must be a tenant id');
  return out;
}

type Send = (status: number, body?: unknown) => void;
type Caller = { actor: string; tenant: string | null };

function route(
  stub: AlertEngineStub,
  method: string,
  path: string,
  params: URLSearchParams,
  who: Caller,
  body: unknown,
  send: Send,
): void {
  const scope = (asked: string | undefined) => {
    if (who.tenant === null) return asked;
    if (asked !== undefined && asked !== who.tenant)
      throw new StubProblem(403, `this caller may only read tenant ${who.tenant}`);
    return who.tenant;
  };
  if (method === 'GET' && (path === '/alerts' || path === '/groups')) {
    const q = query(path, params);
    const tenant = scope(q.tenant);
    if (path === '/alerts')
      return send(200, { alerts: stub.alerts.filter((a) => tenant === undefined || a.tenant === tenant) });
    const groups = stub.groups.map((d) => d.group).filter((g) => tenant === undefined || g.tenant === tenant);
    return send(200, { groups: groups.filter((g) => q.state === undefined || g.state === q.state) });
  }
  if (method === 'GET' && path === '/audit') {
    query(path, params);
    return send(200, { entries: stub.audit.filter((e) => who.tenant === null || e.tenant === who.tenant) });
  }
  const group = /^\/groups\/([^/]+)(?:\/(ack|resolve))?$/.exec(path);
  if (group) return groupRoute(stub, method, group[1]!, group[2] as 'ack' | 'resolve' | undefined, who, send);
  const oncall = /^\/schedules\/([^/]+)\/oncall$/.exec(path);
  if (method === 'GET' && oncall) {
    const at = params.get('at') ?? '2026-03-01T12:00:00.000Z';
    if ([...params.keys()].some((k) => k !== 'at') || Number.isNaN(Date.parse(at)))
      throw new StubProblem(400, 'at: Invalid ISO datetime');
    const schedule = stub.resources.schedules.get(oncall[1]!);
    if (!schedule) throw new StubProblem(404, `no schedule ${oncall[1]}`);
    const users = ((schedule.spec as { users?: string[] }).users ?? []).slice(0, 1);
    return send(200, { schedule: oncall[1], at: new Date(at).toISOString(), users, shift: null });
  }
  const [, resource, id, extra] = path.split('/') as [
    string,
    Resource,
    string | undefined,
    string | undefined,
  ];
  if (!RESOURCES.includes(resource) || extra !== undefined)
    throw new StubProblem(404, `no route for ${path}`);
  crudRoute(stub, method, resource, id, who, body, send);
}

function groupRoute(
  stub: AlertEngineStub,
  method: string,
  rawId: string,
  action: 'ack' | 'resolve' | undefined,
  who: Caller,
  send: Send,
): void {
  const id = Number(rawId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new StubProblem(400, 'group id must be a positive integer');
  const detail = stub.groups.find((d) => d.group.id === id);
  // Another tenant's group answers exactly like a missing one.
  if (!detail || (who.tenant !== null && detail.group.tenant !== who.tenant))
    throw new StubProblem(404, `no alert group ${id}`);
  if (method === 'GET' && action === undefined) return send(200, detail);
  if (method !== 'POST' || action === undefined) throw new StubProblem(404, 'no such route');
  const g = detail.group;
  if (action === 'ack') {
    if (g.state !== 'firing' && g.state !== 'acknowledged')
      throw new StubProblem(409, `alert group ${id} is not firing`);
    Object.assign(g, {
      state: 'acknowledged',
      acknowledgedAt: g.acknowledgedAt ?? g.updatedAt,
      acknowledgedBy: who.actor,
    });
  } else if (g.state !== 'resolved') {
    Object.assign(g, { state: 'resolved', resolvedAt: g.updatedAt, resolvedBy: who.actor });
  }
  record(stub, who, `group.${action}`, 'alert_group', String(id), g.tenant);
  send(200, { group: g });
}

function record(
  stub: AlertEngineStub,
  who: Caller,
  action: string,
  type: string,
  id: string,
  tenant: string | null,
) {
  stub.audit.unshift({
    id: stub.audit.length + 1,
    at: '2026-03-01T12:00:00.000Z',
    actor: who.actor,
    tenant: tenant ?? who.tenant,
    action,
    target: { type, id },
    detail: {},
  });
}

function crudRoute(
  stub: AlertEngineStub,
  method: string,
  resource: Resource,
  rawId: string | undefined,
  who: Caller,
  body: unknown,
  send: Send,
): void {
  if (PLATFORM_ONLY.has(resource) && who.tenant !== null)
    throw new StubProblem(
      403,
      `${resource} are platform configuration; tenant-scoped callers cannot read or change them`,
    );
  const rows = stub.resources[resource];
  const mine = (row: Row | undefined) =>
    row !== undefined && (resource !== 'silences' || who.tenant === null || row.tenant === who.tenant);
  if (rawId === undefined) {
    if (method === 'GET') return send(200, { [resource]: [...rows.values()].filter(mine) });
    if (method !== 'POST') throw new StubProblem(404, 'no such route');
    const input = { ...((body ?? {}) as Row) };
    const id = input.id === undefined ? `gen${rows.size + 1}` : String(input.id);
    if (!ID.test(id)) throw new StubProblem(400, 'id: ids are 1-63 of [a-z0-9_-]');
    if (rows.has(id)) throw new StubProblem(409, `${resource} ${id} already exists`);
    delete input.id;
    const row = view(stub, resource, id, input, who);
    rows.set(id, row);
    record(stub, who, `${resource}.create`, resource, id, (row.tenant as string | null) ?? null);
    return send(201, row);
  }
  if (!ID.test(rawId)) throw new StubProblem(400, 'id: ids are 1-63 of [a-z0-9_-]');
  const row = rows.get(rawId);
  if (!mine(row)) throw new StubProblem(404, `no ${resource} ${rawId}`);
  if (method === 'GET') return send(200, row);
  if (method === 'PUT') {
    const input = { ...((body ?? {}) as Row) };
    delete input.id;
    const next = view(stub, resource, rawId, input, who);
    rows.set(rawId, next);
    record(stub, who, `${resource}.update`, resource, rawId, (next.tenant as string | null) ?? null);
    return send(200, next);
  }
  if (method !== 'DELETE') throw new StubProblem(404, 'no such route');
  if (resource === 'silences')
    rows.set(rawId, { ...row, status: 'expired', expiredAt: '2026-03-01T12:00:00.000Z' });
  else rows.delete(rawId);
  record(stub, who, `${resource}.delete`, resource, rawId, (row!.tenant as string | null) ?? null);
  send(204);
}

// Builds the stored view from a body after alerting's checks: the fields it knows, references that exist, and
// for silences the tenant confinement and the rule that a silence must match something.
function view(stub: AlertEngineStub, resource: Resource, id: string, input: Row, who: Caller): Row {
  const { required, optional } = KEYS[resource];
  for (const key of Object.keys(input))
    if (!required.includes(key) && !optional.includes(key))
      throw new StubProblem(400, `body: Unrecognized key: "${key}"`);
  for (const key of required)
    if (input[key] === undefined) throw new StubProblem(400, `${key}: Invalid input`);
  const updatedAt = '2026-03-01T12:00:00.000Z';
  const exists = (r: Resource, ref: unknown) => stub.resources[r].has(String(ref));
  switch (resource) {
    case 'channels': {
      const config = { ...(input.config as Row) };
      for (const secret of ['routingKey', 'webhookUrl', 'secret'])
        if (secret in config) config[secret] = '••••';
      return { id, name: input.name, type: config.type, config, updatedAt };
    }
    case 'users':
      for (const c of (input.channelIds as string[] | undefined) ?? [])
        if (!exists('channels', c)) throw new StubProblem(400, `channelIds: channel ${c} does not exist`);
      return {
        id,
        name: input.name,
        email: input.email ?? null,
        channelIds: input.channelIds ?? [],
        updatedAt,
      };
    case 'schedules':
      return { id, name: input.name, spec: input.spec, updatedAt };
    case 'policies':
      return { id, name: input.name, repeat: input.repeat ?? 0, steps: input.steps ?? [], updatedAt };
    case 'routes':
      return {
        id,
        name: input.name,
        parentId: input.parentId ?? null,
        position: input.position ?? 0,
        matchers: input.matchers ?? [],
        continue: input.continue ?? false,
        groupBy: input.groupBy ?? null,
        groupWaitSeconds: input.groupWaitSeconds ?? null,
        groupIntervalSeconds: input.groupIntervalSeconds ?? null,
        repeatIntervalSeconds: input.repeatIntervalSeconds ?? null,
        policyId: input.policyId ?? null,
        updatedAt,
      };
    case 'silences': {
      const matchers = (input.matchers as Row[] | undefined) ?? [];
      if (matchers.length === 0 && input.tenant === undefined && input.service === undefined)
        throw new StubProblem(
          400,
          'matchers: a silence needs at least one matcher, tenant or service; it would otherwise mute every alert',
        );
      if (who.tenant !== null && input.tenant !== undefined && input.tenant !== who.tenant)
        throw new StubProblem(403, `this caller may only silence tenant ${who.tenant}`);
      const tenant = who.tenant ?? (input.tenant as string | undefined) ?? null;
      const window = input.window as { startsAt?: string; endsAt?: string };
      return {
        id,
        kind: input.kind ?? 'silence',
        tenant,
        matchers: [...matchers, ...(tenant ? [{ name: 'tenant', type: '=', value: tenant }] : [])],
        window,
        comment: input.comment,
        createdBy: who.actor,
        reminderChannelId: input.reminderChannelId ?? null,
        status: 'active',
        currentOrNext:
          window.startsAt && window.endsAt ? { start: window.startsAt, end: window.endsAt } : null,
        expiredAt: null,
        createdAt: updatedAt,
        updatedAt,
      };
    }
  }
}
