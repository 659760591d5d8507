import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PipelineContext } from '../engine/PipelineContext';
import { notifyStep } from '../escalation/notifyStep';
import { buildNotification } from '../notify/buildNotification';
import { enqueueNotifications, notifiedTargets } from '../notify/Outbox';
import type { NotifyAction } from '../notify/Notifier';
import type { AlertRow, GroupRow } from './GroupRow';
import { groupAlerts, recordGroupEvent } from './GroupRow';

/** FlushOutcome says what a flush did, for metrics and tests. */
export type FlushOutcome = 'triggered' | 'updated' | 'repeated' | 'resolved' | 'muted' | 'quiet' | 'closed';

const hashOf = (alerts: readonly AlertRow[]): string =>
  createHash('sha256')
    .update(alerts.map((a) => a.fingerprint).join(','))
    .digest('hex')
    .slice(0, 16);

/** notifyNotified sends an ack, resolve or update to every destination this incident's trigger reached. */
export async function notifyNotified(
  client: pg.PoolClient,
  group: GroupRow,
  alerts: readonly AlertRow[],
  action: NotifyAction,
  keySuffix: string,
  ctx: Pick<PipelineContext, 'now' | 'consoleBaseUrl'>,
  skipIntegration?: string,
): Promise<number> {
  const targets = (await notifiedTargets(client, group.id, group.incident)).filter(
    (t) => t.integration !== skipIntegration,
  );
  const notification = buildNotification(group, alerts, action, {
    consoleBaseUrl: ctx.consoleBaseUrl,
    at: ctx.now,
  });
  return enqueueNotifications(
    client,
    targets.map((target) => ({
      idemKey: `g${group.id}:i${group.incident}:${keySuffix}:${target.key}`,
      groupId: group.id,
      incident: group.incident,
      target,
      notification,
    })),
    ctx.now,
  );
}

/**
 * flushGroup is one group_wait/group_interval/repeat_interval tick of a locked group: it resolves the incident when
 * nothing fires, pages when something unmuted fires for the first time (starting the escalation policy), re-notifies
 * when the set of firing alerts changed or repeat_interval passed, and otherwise waits for the mute to lift.
 */
export async function flushGroup(
  client: pg.PoolClient,
  group: GroupRow,
  ctx: PipelineContext,
): Promise<FlushOutcome> {
  const now = ctx.now;
  const alerts = await groupAlerts(client, group.id);
  const firing = alerts.filter((a) => a.status === 'firing');
  const set = async (fields: Record<string, unknown>): Promise<void> => {
    const keys = Object.keys(fields);
    await client.query(
      `UPDATE alerting.alert_groups SET ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')}, updated_at = $${keys.length + 2}
       WHERE id = $1`,
      [group.id, ...keys.map((k) => fields[k]), now],
    );
  };

  if (firing.length === 0) {
    if (group.state === 'firing') {
      await notifyNotified(client, group, alerts, 'resolve', 'resolve', ctx);
      await set({
        state: 'resolved',
        resolved_at: now,
        resolved_by: group.resolvedBy,
        next_escalation_at: null,
        next_flush_at: null,
        dirty: false,
        muted: null,
        last_flush_at: now,
      });
      await recordGroupEvent(client, group.id, now, 'resolved', { alerts: alerts.length });
      return 'resolved';
    }
    await set({
      state: 'resolved',
      resolved_at: group.resolvedAt ?? now,
      next_flush_at: null,
      dirty: false,
      muted: null,
      last_flush_at: now,
    });
    if (group.state === 'pending')
      await recordGroupEvent(client, group.id, now, 'closed', { reason: 'resolved before anyone was paged' });
    return 'closed';
  }

  const reasons = firing.map((a) => ctx.silencer.mutes(a.labels) ?? ctx.inhibitor.mutes(a.labels));
  const unmuted = firing.filter((_, i) => reasons[i] === null);
  if (unmuted.length === 0) {
    // Look again when the first silence ends (a maintenance window that ends while the alert fires must page), and
    // at the next group_interval in any case (an inhibiting alert may resolve).
    let next = now.getTime() + group.groupIntervalSeconds * 1000;
    for (const a of firing) {
      const until = ctx.silencer.mutedUntil(a.labels);
      if (until && until.getTime() < next) next = until.getTime();
    }
    const muted = reasons[0] ?? 'muted';
    await set({
      muted,
      next_flush_at: new Date(Math.max(next, now.getTime() + 100)),
      dirty: false,
      last_flush_at: now,
    });
    if (group.muted !== muted) await recordGroupEvent(client, group.id, now, 'muted', { reason: muted });
    return 'muted';
  }

  const hash = hashOf(unmuted);
  // Muted alerts are left out of what is sent: the page is about what nobody has silenced or explained.
  const unmutedSet = new Set(unmuted.map((a) => a.fingerprint));
  const shown = alerts.filter((a) => a.status === 'resolved' || unmutedSet.has(a.fingerprint));
  const repeatAt = (from: Date) => new Date(from.getTime() + group.repeatIntervalSeconds * 1000);
  if (group.state !== 'firing') {
    const incident = group.incident + 1;
    const opened: GroupRow = { ...group, incident, state: 'firing', acknowledgedAt: null, resolvedAt: null };
    const waitMs = await notifyStep(client, opened, shown, incident, { step: 0, pass: 0 }, ctx);
    await set({
      state: 'firing',
      incident,
      muted: null,
      dirty: false,
      acknowledged_at: null,
      acknowledged_by: null,
      resolved_at: null,
      resolved_by: null,
      escalation_step: 0,
      escalation_pass: 0,
      next_escalation_at: waitMs !== null ? new Date(now.getTime() + waitMs) : null,
      notified_hash: hash,
      last_notified_at: now,
      last_flush_at: now,
      next_flush_at: repeatAt(now),
    });
    return 'triggered';
  }

  const changed = hash !== group.notifiedHash;
  const repeatDue = group.lastNotifiedAt !== null && now >= repeatAt(group.lastNotifiedAt);
  if (group.muted) await recordGroupEvent(client, group.id, now, 'unmuted', {});
  if (changed || (repeatDue && !group.acknowledgedAt)) {
    await notifyNotified(
      client,
      group,
      shown,
      'trigger',
      changed ? `update:${hash}` : `repeat:${now.getTime()}`,
      ctx,
    );
    await set({
      muted: null,
      dirty: false,
      notified_hash: hash,
      last_notified_at: now,
      last_flush_at: now,
      next_flush_at: repeatAt(now),
    });
    await recordGroupEvent(client, group.id, now, changed ? 'updated' : 'repeated', {
      firing: unmuted.length,
    });
    return changed ? 'updated' : 'repeated';
  }
  await set({
    muted: null,
    dirty: false,
    last_flush_at: now,
    next_flush_at: group.lastNotifiedAt ? repeatAt(group.lastNotifiedAt) : repeatAt(now),
  });
  return 'quiet';
}
