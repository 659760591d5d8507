import type { LogView, SpanView } from '@sightline/contracts';
import { stubAlert, stubGroup } from './alertEngineFixtures';
import type { ApiFixture } from './startApiWithStubs';

/** MatrixTenant is whose data a matrix request aims at: a tenant, or `*` for the executive summary. */
export type MatrixTenant = 'acme' | 'globex' | '*';

/** TRACE_IDS are the trace of each tenant the matrix asks for. */
export const TRACE_IDS = {
  acme: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1',
  globex: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2',
} as const;

/** SILENCE_WINDOW is the window of every silence the matrix seeds or writes. */
export const SILENCE_WINDOW = {
  kind: 'once',
  startsAt: '2026-03-01T12:00:00Z',
  endsAt: '2026-03-01T13:00:00Z',
};

/**
 * MARKS are the strings that give away whose data an answer holds: the owner fields of the contracts, and the
 * `<tenant>-private` text seeded into every name, comment, summary and message. A problem body never holds one.
 */
export const MARKS: Record<MatrixTenant, readonly string[]> = {
  acme: ['"tenant":"acme"', '"tenantId":"acme"', '"id":"acme"', 'acme-private'],
  globex: ['"tenant":"globex"', '"tenantId":"globex"', '"id":"globex"', 'globex-private'],
  '*': ['"tenant":"*"', '"tenantId":"*"', '"id":"*"', 'summary-private'],
};

const AT = '2026-03-01T12:00:00.000Z';

function log(id: number, tenantId: 'acme' | 'globex'): LogView {
  return {
    id: String(id),
    time: AT,
    tenantId,
    service: 'gateway',
    severityText: 'INFO',
    severityNumber: 9,
    body: `${tenantId}-private order accepted`,
    traceId: TRACE_IDS[tenantId],
    spanId: null,
    attributes: {},
  };
}

function span(tenantId: 'acme' | 'globex'): SpanView {
  return {
    traceId: TRACE_IDS[tenantId],
    spanId: tenantId === 'acme' ? '00f067aa0ba902b7' : '00f067aa0ba902b8',
    parentSpanId: null,
    tenantId,
    service: 'gateway',
    name: `${tenantId}-private GET /orders/:id`,
    kind: 2,
    startTime: AT,
    endTime: AT,
    durationMs: 12,
    statusCode: 0,
    statusMessage: null,
    attributes: {},
  };
}

function sloDefinition(tenant: 'acme' | 'globex') {
  return {
    tenant,
    slo: 'availability',
    service: 'gateway',
    description: `${tenant}-private availability`,
    objective: 0.9995,
    period: '28d',
    sli: { kind: 'availability' },
    minEvents: { '5m': 10 },
    source: 'tenants.yaml',
    alerts: [],
  };
}

function sloEvent(id: number, tenant: 'acme' | 'globex') {
  return {
    id,
    fingerprint: `fp-${tenant}`,
    state: 'firing',
    labels: { alertname: 'SloErrorBudgetBurn', severity: 'page', tenant, slo: 'availability' },
    annotations: { summary: `${tenant}-private availability burns fast` },
    startsAt: AT,
    endsAt: null,
    longBurnRate: 20,
    shortBurnRate: 30,
    createdAt: AT,
  };
}

function incident(groupId: number, tenant: 'acme' | 'globex') {
  return {
    groupId,
    incident: 1,
    dedupKey: `${tenant}/${groupId}`,
    title: `${tenant}-private checkout fails`,
    alertname: 'HighErrorRate',
    summary: `${tenant}-private checkout fails`,
    severity: 'page',
    slo: 'availability',
    startedAt: new Date(Date.now() - 3_600_000).toISOString(),
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    paged: true,
  };
}

function silence(tenant: 'acme' | 'globex') {
  return {
    id: `${tenant}-deploy`,
    kind: 'maintenance',
    tenant,
    matchers: [{ name: 'tenant', type: '=', value: tenant }],
    window: SILENCE_WINDOW,
    comment: `${tenant}-private deploy`,
    createdBy: 'user-1',
    reminderChannelId: null,
    status: 'active',
    currentOrNext: { start: SILENCE_WINDOW.startsAt, end: SILENCE_WINDOW.endsAt },
    expiredAt: null,
    createdAt: AT,
    updatedAt: AT,
  };
}

function configRoute(id: string, parentId: string | null, policyId: string | null, matchers: object[]) {
  return {
    id,
    name: id,
    parentId,
    position: 0,
    matchers,
    continue: false,
    groupBy: null,
    groupWaitSeconds: null,
    groupIntervalSeconds: null,
    repeatIntervalSeconds: null,
    policyId,
    updatedAt: AT,
  };
}

// The alert engine and the report archive change when a cell writes, so each cell starts again from these.
function resetWritableStubs(f: ApiFixture): void {
  const e = f.alerting.engine;
  e.reset();
  const alerts = (['acme', 'globex'] as const).map((t) =>
    stubAlert(t, { annotations: { summary: `${t}-private burns its budget` } }),
  );
  e.alerts.push(...alerts);
  e.groups.push(stubGroup(1, 'acme', [alerts[0]!]), stubGroup(2, 'globex', [alerts[1]!]));
  // Each tenant's route pages a policy of its own, which names the tenant's channel, person and schedule.
  for (const t of ['acme', 'globex'] as const) {
    const person = t === 'acme' ? 'alice' : 'gus';
    e.resources.channels.set(`${t}-pager`, {
      id: `${t}-pager`,
      name: `${t}-private pager`,
      type: 'slack',
      config: { type: 'slack' },
      updatedAt: AT,
    });
    e.resources.users.set(person, {
      id: person,
      name: `${t}-private ${person}`,
      email: `${person}@example.com`,
      channelIds: [`${t}-pager`],
      updatedAt: AT,
    });
    e.resources.schedules.set(`${t}-primary`, {
      id: `${t}-primary`,
      name: `${t}-private primary`,
      spec: { users: [person] },
      updatedAt: AT,
    });
    const targets = [
      { type: 'channel', id: `${t}-pager` },
      { type: 'user', id: person },
      { type: 'schedule', id: `${t}-primary` },
    ];
    e.resources.policies.set(`${t}-policy`, {
      id: `${t}-policy`,
      name: `${t}-private escalation`,
      repeat: 0,
      steps: [{ targets, waitMinutes: 5 }],
      updatedAt: AT,
    });
    e.resources.routes.set(
      `${t}-route`,
      configRoute(`${t}-route`, 'root', `${t}-policy`, [{ name: 'tenant', type: '=', value: t }]),
    );
  }
  e.resources.routes.set('root', configRoute('root', null, null, []));
  e.resources.silences.set('acme-deploy', silence('acme'));
  e.resources.silences.set('globex-deploy', silence('globex'));
  e.audit.push(
    ...(['acme', 'globex', null] as const).map((tenant, i) => ({
      id: i + 1,
      at: AT,
      actor: 'user-1',
      tenant,
      action: 'silence.create',
      target: { type: 'silence', id: `${tenant ?? 'platform'}-deploy` },
      detail: { comment: `${tenant ?? 'platform'}-private deploy` },
    })),
  );

  f.reports.reset();
  const summaries: Record<string, string> = {
    acme: 'acme-private: met 3 of 4 objectives',
    globex: 'globex-private: met 4 of 4 objectives',
    '*': 'summary-private: 3 tenants, 1 red',
  };
  for (const r of f.reports.reports) if (r.summary !== null) r.summary = summaries[r.tenantId] ?? r.summary;
  f.reports.recipients.set('globex', ['cfo@globex.test']);
  f.reports.recipients.set('*', ['board@example.com']);
}

/**
 * seedAuthorizationMatrix gives acme and globex data of their own in every stub (services, logs, traces, SLOs, SLO
 * alerts, incidents, alerts, groups, silences, audit entries, on-call configuration, reports and recipients), each carrying its MARKS. It
 * returns resetWritable, which puts the alert engine and the report archive back before each cell.
 */
export function seedAuthorizationMatrix(f: ApiFixture): { resetWritable(): void } {
  for (const t of ['acme', 'globex'] as const) {
    f.collector.setServices(t, [{ service: `${t}-private-checkout`, lastSeen: AT }]);
    f.collector.setRoutes(t, [{ route: `GET /${t}-private/:id`, requests: 100, errors: 5, errorPercent: 5 }]);
    f.collector.addTrace({ traceId: TRACE_IDS[t], spans: [span(t)], logs: [log(t === 'acme' ? 1 : 2, t)] });
    f.alerting.definitions.push(sloDefinition(t));
    f.alerting.incidents.set(t, [incident(t === 'acme' ? 1 : 2, t)]);
  }
  f.collector.addLogs([log(1, 'acme'), log(2, 'globex')]);
  f.alerting.events.push(sloEvent(2, 'globex'), sloEvent(1, 'acme'));
  resetWritableStubs(f);
  return { resetWritable: () => resetWritableStubs(f) };
}
