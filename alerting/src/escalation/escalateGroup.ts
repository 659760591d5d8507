import type pg from 'pg';
import type { GroupRow } from '../dispatch/GroupRow';
import { groupAlerts, recordGroupEvent } from '../dispatch/GroupRow';
import type { PipelineContext } from '../engine/PipelineContext';
import { nextEscalation } from './nextEscalation';
import { notifyStep } from './notifyStep';

/**
 * escalateGroup moves an unacknowledged firing group to its policy's next step (or the first step of the next pass)
 * and schedules the step after; the caller holds the group's row lock. Returns the step taken, or null.
 */
export async function escalateGroup(
  client: pg.PoolClient,
  group: GroupRow,
  ctx: PipelineContext,
): Promise<{ step: number; pass: number } | null> {
  const policy = group.policyId ? ctx.cfg.policies.get(group.policyId) : undefined;
  const at = { step: group.escalationStep ?? 0, pass: group.escalationPass ?? 0 };
  const next = policy ? nextEscalation(policy, at) : null;
  if (!policy || !next) {
    await client.query(
      `UPDATE alerting.alert_groups SET next_escalation_at = NULL, updated_at = $2 WHERE id = $1`,
      [group.id, ctx.now],
    );
    await recordGroupEvent(client, group.id, ctx.now, 'escalation-exhausted', {});
    return null;
  }
  const alerts = await groupAlerts(client, group.id);
  const waitMs = await notifyStep(client, group, alerts, group.incident, next, ctx);
  // The last step is waited out too, so an unanswered page ends with an 'escalation-exhausted' entry.
  await client.query(
    `UPDATE alerting.alert_groups SET escalation_step = $2, escalation_pass = $3, next_escalation_at = $4, updated_at = $5
     WHERE id = $1`,
    [group.id, next.step, next.pass, waitMs !== null ? new Date(ctx.now.getTime() + waitMs) : null, ctx.now],
  );
  return next;
}
