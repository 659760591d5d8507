import type pg from 'pg';
import { notifyNotified } from '../dispatch/flushGroup';
import { groupAlerts, lockGroup, recordGroupEvent } from '../dispatch/GroupRow';
import type { AckOutcome } from './acknowledgeGroup';

/**
 * resolveGroup closes a group by hand: its alerts are marked resolved (a source that still fires re-opens it as a
 * new incident), escalation stops, and every destination the trigger reached gets the resolve.
 */
export async function resolveGroup(
  client: pg.PoolClient,
  groupId: number,
  actor: string,
  ctx: { now: Date; consoleBaseUrl: string },
  via?: string,
): Promise<AckOutcome> {
  const group = await lockGroup(client, groupId);
  if (!group) return { ok: false, reason: 'not-found' };
  if (group.state === 'resolved') return { ok: true, group };
  await client.query(
    `UPDATE alerting.alerts SET status = 'resolved', ends_at = $2, updated_at = $2
     WHERE status = 'firing' AND fingerprint IN (SELECT fingerprint FROM alerting.group_alerts WHERE group_id = $1)`,
    [group.id, ctx.now],
  );
  const alerts = await groupAlerts(client, group.id);
  if (group.state === 'firing') await notifyNotified(client, group, alerts, 'resolve', 'resolve', ctx, via);
  await client.query(
    `UPDATE alerting.alert_groups SET state = 'resolved', resolved_at = $2, resolved_by = $3, next_escalation_at = NULL,
       next_flush_at = NULL, dirty = false, muted = NULL, updated_at = $2 WHERE id = $1`,
    [group.id, ctx.now, actor],
  );
  await recordGroupEvent(client, group.id, ctx.now, 'resolved', { via: via ?? 'api', manual: true }, actor);
  return { ok: true, group: { ...group, state: 'resolved', resolvedAt: ctx.now, resolvedBy: actor } };
}
