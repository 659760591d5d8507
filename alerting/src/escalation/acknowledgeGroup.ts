import type pg from 'pg';
import { notifyNotified } from '../dispatch/flushGroup';
import { groupAlerts, lockGroup, recordGroupEvent } from '../dispatch/GroupRow';
import type { GroupRow } from '../dispatch/GroupRow';

/** AckOutcome says whether an ack or resolve changed anything. */
export type AckOutcome = { ok: true; group: GroupRow } | { ok: false; reason: 'not-found' | 'not-firing' };

/**
 * acknowledgeGroup stops a firing group's escalation and tells every destination the trigger reached; `via` names
 * the integration the ack came from, which is not told again (PagerDuty already knows its own ack).
 */
export async function acknowledgeGroup(
  client: pg.PoolClient,
  groupId: number,
  actor: string,
  ctx: { now: Date; consoleBaseUrl: string },
  via?: string,
): Promise<AckOutcome> {
  const group = await lockGroup(client, groupId);
  if (!group) return { ok: false, reason: 'not-found' };
  if (group.state !== 'firing') return { ok: false, reason: 'not-firing' };
  if (group.acknowledgedAt) return { ok: true, group };
  const alerts = await groupAlerts(client, group.id);
  await notifyNotified(client, group, alerts, 'acknowledge', 'ack', ctx, via);
  await client.query(
    `UPDATE alerting.alert_groups SET acknowledged_at = $2, acknowledged_by = $3, next_escalation_at = NULL, updated_at = $2
     WHERE id = $1`,
    [group.id, ctx.now, actor],
  );
  await recordGroupEvent(client, group.id, ctx.now, 'acknowledged', { via: via ?? 'api' }, actor);
  return {
    ok: true,
    group: { ...group, acknowledgedAt: ctx.now, acknowledgedBy: actor, nextEscalationAt: null },
  };
}
