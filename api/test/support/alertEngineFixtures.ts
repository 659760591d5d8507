/** StubAlert is an alert as alerting's alertView shows it. */
export interface StubAlert {
  fingerprint: string;
  tenant: string | null;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string | null;
  generatorUrl: string | null;
  source: string;
  receivedAt: string;
}

/** StubGroup is a group as alerting's groupView shows it. */
export interface StubGroup {
  id: number;
  dedupKey: string;
  tenant: string | null;
  route: string;
  policy: string | null;
  labels: Record<string, string>;
  state: 'pending' | 'firing' | 'acknowledged' | 'resolved';
  muted: string | null;
  incident: number;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  escalation: { step: number; pass: number; nextAt: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

/** StubGroupDetail is alerting's GET /internal/v1/groups/:id body. */
export interface StubGroupDetail {
  group: StubGroup;
  alerts: StubAlert[];
  timeline: { at: string; kind: string; actor: string | null; detail: Record<string, unknown> }[];
  notifications: Record<string, unknown>[];
}

const AT = '2026-03-01T12:00:00.000Z';

/** stubAlert builds a firing SLO burn alert of a tenant (null: a platform alert without a tenant label). */
export function stubAlert(tenant: string | null, overrides: Partial<StubAlert> = {}): StubAlert {
  const labels: Record<string, string> = { alertname: 'SloErrorBudgetBurn', severity: 'page' };
  if (tenant !== null) labels.tenant = tenant;
  return {
    fingerprint: `fp-${tenant ?? 'platform'}`,
    tenant,
    status: 'firing',
    labels,
    annotations: { summary: `${tenant ?? 'platform'} burns its budget` },
    startsAt: AT,
    endsAt: null,
    generatorUrl: null,
    source: 'alertmanager',
    receivedAt: AT,
    ...overrides,
  };
}

/** stubGroup builds a firing group of one tenant's alerts, with a timeline and one delivered notification. */
export function stubGroup(id: number, tenant: string | null, alerts: StubAlert[]): StubGroupDetail {
  return {
    group: {
      id,
      dedupKey: `sightline-${id}`,
      tenant,
      route: 'root',
      policy: 'default',
      labels: { alertname: 'SloErrorBudgetBurn', ...(tenant === null ? {} : { tenant }) },
      state: 'firing',
      muted: null,
      incident: 1,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolvedBy: null,
      escalation: { step: 1, pass: 1, nextAt: '2026-03-01T12:05:00.000Z' },
      createdAt: AT,
      updatedAt: AT,
    },
    alerts,
    timeline: [{ at: AT, kind: 'triggered', actor: null, detail: { alerts: alerts.length } }],
    notifications: [
      {
        id,
        incident: 1,
        target: 'channel:oncall',
        integration: 'slack',
        action: 'trigger',
        status: 'delivered',
        attempts: 1,
        lastError: null,
        createdAt: AT,
        deliveredAt: AT,
      },
    ],
  };
}
