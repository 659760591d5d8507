import type pg from 'pg';
import type { DeliveryTarget } from '../escalation/resolveTargets';
import type { NotificationDraft } from './buildNotification';
import type { ChannelConfig } from './ChannelConfig';
import type { NotifyAction } from './Notifier';
import { LIVENESS_LOCK_CLASS } from './WorkerLiveness';

/** OutboxEntry is one notification to write with the state change that causes it. */
export interface OutboxEntry {
  /** idemKey makes a second enqueue of the same notification (a retried transaction, a second replica) a no-op. */
  idemKey: string;
  groupId: number | null;
  incident: number | null;
  silenceId?: string | null;
  target: DeliveryTarget;
  notification: NotificationDraft;
}

/** OutboxRow is a claimed notification, ready for its notifier. */
export interface OutboxRow {
  id: number;
  groupId: number | null;
  targetKey: string;
  channelId: string | null;
  integration: string;
  action: NotifyAction;
  notification: NotificationDraft;
  adhoc: ChannelConfig | null;
  attempts: number;
  createdAt: Date;
}

/** NotifiedTarget is a destination that got this incident's trigger, so it also gets its ack and resolve. */
export type NotifiedTarget = DeliveryTarget;

/** enqueueNotifications inserts outbox rows inside the caller's transaction and returns how many were new. */
export async function enqueueNotifications(
  client: pg.PoolClient,
  entries: readonly OutboxEntry[],
  now: Date,
): Promise<number> {
  let inserted = 0;
  for (const e of entries) {
    const res = await client.query(
      `INSERT INTO alerting.notifications
         (idem_key, group_id, incident, silence_id, target_key, channel_id, integration, action, payload, status,
          next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, $10)
       ON CONFLICT (idem_key) DO NOTHING`,
      [
        e.idemKey,
        e.groupId,
        e.incident,
        e.silenceId ?? null,
        e.target.key,
        e.target.channelId,
        e.target.integration,
        e.notification.action,
        JSON.stringify({ notification: e.notification, adhoc: e.target.adhoc, via: e.target.via }),
        now,
      ],
    );
    inserted += res.rowCount ?? 0;
  }
  if (inserted > 0) await client.query(`NOTIFY sightline_alerting_outbox`);
  return inserted;
}

/** notifiedTargets lists the destinations that were sent this incident's trigger, in first-notified order. */
export async function notifiedTargets(
  client: pg.PoolClient,
  groupId: number,
  incident: number,
): Promise<NotifiedTarget[]> {
  const { rows } = await client.query(
    `SELECT DISTINCT ON (target_key) target_key, channel_id, integration, payload
     FROM alerting.notifications WHERE group_id = $1 AND incident = $2 AND action = 'trigger'
     ORDER BY target_key, id`,
    [groupId, incident],
  );
  return rows.map((r: Record<string, unknown>) => {
    const payload = r.payload as { adhoc: ChannelConfig | null; via?: string };
    return {
      key: r.target_key as string,
      channelId: r.channel_id as string | null,
      integration: r.integration as string,
      adhoc: payload.adhoc,
      via: payload.via ?? (r.target_key as string),
    };
  });
}

/**
 * claimNotifications leases due rows to this worker (SKIP LOCKED, so replicas never take the same row). A row waits
 * while an older row for the same group and destination is still pending, so a resolve never overtakes its trigger.
 * A leased row is free again when its lease ends, or at once when the worker that claimed it holds its liveness
 * lock no longer (WorkerLiveness: its database session ended, so it died or was stopped). claimer is this worker's
 * liveness id, or null when it has none (its rows then wait for their lease).
 */
export async function claimNotifications(
  pool: pg.Pool,
  limit: number,
  leaseMs: number,
  now: Date,
  claimer: number | null = null,
): Promise<OutboxRow[]> {
  const { rows } = await pool.query(
    `UPDATE alerting.notifications n SET locked_until = $2::timestamptz + make_interval(secs => $3::double precision / 1000),
       attempts = n.attempts + 1, claimed_by = $4
     WHERE n.id IN (
       SELECT c.id FROM alerting.notifications c
       WHERE c.status = 'pending' AND c.next_attempt_at <= $2
         AND (c.locked_until IS NULL OR c.locked_until <= $2
           OR (c.claimed_by IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM pg_locks l
             WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
               AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
               AND l.classid = $5::int::oid AND l.objid = c.claimed_by::oid)))
         AND NOT EXISTS (
           SELECT 1 FROM alerting.notifications p
           WHERE p.status = 'pending' AND p.target_key = c.target_key AND p.id < c.id
             AND p.group_id IS NOT DISTINCT FROM c.group_id)
       ORDER BY c.next_attempt_at, c.id
       LIMIT $1
       FOR UPDATE SKIP LOCKED)
     RETURNING n.*`,
    [limit, now, leaseMs, claimer, LIVENESS_LOCK_CLASS],
  );
  return rows.map((r: Record<string, unknown>) => {
    const payload = r.payload as { notification: NotificationDraft; adhoc: ChannelConfig | null };
    return {
      id: Number(r.id),
      groupId: r.group_id === null ? null : Number(r.group_id),
      targetKey: r.target_key as string,
      channelId: r.channel_id as string | null,
      integration: r.integration as string,
      action: r.action as NotifyAction,
      notification: payload.notification,
      adhoc: payload.adhoc,
      attempts: r.attempts as number,
      createdAt: r.created_at as Date,
    };
  });
}

/** markDelivered records a successful delivery. */
export async function markDelivered(pool: pg.Pool, id: number, now: Date): Promise<void> {
  await pool.query(
    `UPDATE alerting.notifications SET status = 'delivered', delivered_at = $2, locked_until = NULL, claimed_by = NULL, last_error = NULL
     WHERE id = $1`,
    [id, now],
  );
}

/** markRetry puts a row back for a later attempt, keeping the reason. */
export async function markRetry(pool: pg.Pool, id: number, at: Date, reason: string): Promise<void> {
  await pool.query(
    `UPDATE alerting.notifications SET next_attempt_at = $2, locked_until = NULL, claimed_by = NULL, last_error = $3
     WHERE id = $1`,
    [id, at, reason],
  );
}

/** markDead dead-letters a row with the reason; it stays in the table for the console and for replay. */
export async function markDead(pool: pg.Pool, id: number, reason: string): Promise<void> {
  await pool.query(
    `UPDATE alerting.notifications SET status = 'dead', locked_until = NULL, claimed_by = NULL, last_error = $2
     WHERE id = $1`,
    [id, reason],
  );
}
