import type pg from 'pg';
import type { AlertRow, GroupRow } from '../dispatch/GroupRow';
import { recordGroupEvent } from '../dispatch/GroupRow';
import type { PipelineContext } from '../engine/PipelineContext';
import { buildNotification } from '../notify/buildNotification';
import { enqueueNotifications } from '../notify/Outbox';
import { resolveTargets } from './resolveTargets';

/**
 * notifyStep enqueues the trigger for one step of the group's policy and returns the step's wait in ms, or null when
 * the group has no policy or the policy has no such step (the group is then recorded but pages nobody).
 */
export async function notifyStep(
  client: pg.PoolClient,
  group: GroupRow,
  alerts: readonly AlertRow[],
  incident: number,
  position: { step: number; pass: number },
  ctx: PipelineContext,
): Promise<number | null> {
  const policy = group.policyId ? ctx.cfg.policies.get(group.policyId) : undefined;
  const step = policy?.steps[position.step];
  if (!policy || !step) {
    await recordGroupEvent(client, group.id, ctx.now, 'unrouted', {
      reason: group.policyId
        ? `policy ${group.policyId} has no step ${position.step + 1}`
        : 'the route has no policy',
    });
    return null;
  }
  const { targets, unresolved } = resolveTargets(step.targets, ctx.cfg, ctx.now);
  const escalation = { policy: policy.id, step: position.step + 1, pass: position.pass + 1 };
  const notification = buildNotification(group, alerts, 'trigger', {
    consoleBaseUrl: ctx.consoleBaseUrl,
    at: ctx.now,
    escalation,
  });
  await enqueueNotifications(
    client,
    targets.map((target) => ({
      idemKey: `g${group.id}:i${incident}:trigger:p${position.pass}:s${position.step}:${target.key}`,
      groupId: group.id,
      incident,
      target,
      notification,
    })),
    ctx.now,
  );
  await recordGroupEvent(
    client,
    group.id,
    ctx.now,
    position.step === 0 && position.pass === 0 ? 'triggered' : 'escalated',
    {
      step: escalation.step,
      pass: escalation.pass,
      targets: targets.map((t) => t.via),
      unresolved: unresolved.map((u) => u.reason),
    },
  );
  return step.waitMinutes * 60_000;
}
