import type pg from 'pg';

/** GroupState is an alert group's lifecycle: pending (in group_wait or muted before paging), firing, resolved. */
export type GroupState = 'pending' | 'firing' | 'resolved';

/** GroupRow is one stored alert group: the unit that pages, escalates, is acknowledged and resolves. */
export interface GroupRow {
  id: number;
  groupKey: string;
  dedupKey: string;
  routeId: string;
  policyId: string | null;
  tenantId: string | null;
  groupLabels: Record<string, string>;
  state: GroupState;
  incident: number;
  muted: string | null;
  dirty: boolean;
  groupWaitSeconds: number;
  groupIntervalSeconds: number;
  repeatIntervalSeconds: number;
  nextFlushAt: Date | null;
  lastFlushAt: Date | null;
  lastNotifiedAt: Date | null;
  notifiedHash: string | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  escalationStep: number | null;
  escalationPass: number | null;
  nextEscalationAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** AlertRow is one stored alert. */
export interface AlertRow {
  fingerprint: string;
  tenantId: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  status: 'firing' | 'resolved';
  startsAt: Date;
  endsAt: Date | null;
  generatorUrl: string | null;
  source: string;
  receivedAt: Date;
  updatedAt: Date;
}

/** toGroupRow maps a database row of alerting.alert_groups. */
export function toGroupRow(r: Record<string, unknown>): GroupRow {
  return {
    id: Number(r.id),
    groupKey: r.group_key as string,
    dedupKey: r.dedup_key as string,
    routeId: r.route_id as string,
    policyId: r.policy_id as string | null,
    tenantId: r.tenant_id as string | null,
    groupLabels: r.group_labels as Record<string, string>,
    state: r.state as GroupState,
    incident: r.incident as number,
    muted: r.muted as string | null,
    dirty: r.dirty as boolean,
    groupWaitSeconds: r.group_wait_seconds as number,
    groupIntervalSeconds: r.group_interval_seconds as number,
    repeatIntervalSeconds: r.repeat_interval_seconds as number,
    nextFlushAt: r.next_flush_at as Date | null,
    lastFlushAt: r.last_flush_at as Date | null,
    lastNotifiedAt: r.last_notified_at as Date | null,
    notifiedHash: r.notified_hash as string | null,
    acknowledgedAt: r.acknowledged_at as Date | null,
    acknowledgedBy: r.acknowledged_by as string | null,
    resolvedAt: r.resolved_at as Date | null,
    resolvedBy: r.resolved_by as string | null,
    escalationStep: r.escalation_step as number | null,
    escalationPass: r.escalation_pass as number | null,
    nextEscalationAt: r.next_escalation_at as Date | null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

/** toAlertRow maps a database row of alerting.alerts. */
export function toAlertRow(r: Record<string, unknown>): AlertRow {
  return {
    fingerprint: r.fingerprint as string,
    tenantId: r.tenant_id as string | null,
    labels: r.labels as Record<string, string>,
    annotations: r.annotations as Record<string, string>,
    status: r.status as 'firing' | 'resolved',
    startsAt: r.starts_at as Date,
    endsAt: r.ends_at as Date | null,
    generatorUrl: r.generator_url as string | null,
    source: r.source as string,
    receivedAt: r.received_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

/** lockGroup loads a group FOR UPDATE; timers pass skipLocked so a busy group is simply taken next tick. */
export async function lockGroup(
  client: pg.PoolClient,
  id: number,
  skipLocked = false,
): Promise<GroupRow | null> {
  const { rows } = await client.query(
    `SELECT * FROM alerting.alert_groups WHERE id = $1 FOR UPDATE${skipLocked ? ' SKIP LOCKED' : ''}`,
    [id],
  );
  return rows[0] ? toGroupRow(rows[0] as Record<string, unknown>) : null;
}

/** groupAlerts loads a group's alerts, firing first. */
export async function groupAlerts(client: pg.PoolClient | pg.Pool, groupId: number): Promise<AlertRow[]> {
  const { rows } = await client.query(
    `SELECT a.* FROM alerting.alerts a JOIN alerting.group_alerts ga ON ga.fingerprint = a.fingerprint
     WHERE ga.group_id = $1 ORDER BY a.status, a.starts_at, a.fingerprint`,
    [groupId],
  );
  return rows.map((r) => toAlertRow(r as Record<string, unknown>));
}

/** recordGroupEvent appends to a group's timeline (what the on-call engineer reads back). */
export async function recordGroupEvent(
  client: pg.PoolClient,
  groupId: number,
  at: Date,
  kind: string,
  detail: Record<string, unknown> = {},
  actor: string | null = null,
): Promise<void> {
  await client.query(
    `INSERT INTO alerting.group_events (group_id, at, kind, actor, detail) VALUES ($1, $2, $3, $4, $5)`,
    [groupId, at, kind, actor, JSON.stringify(detail)],
  );
}
