import type pg from 'pg';
import type { RequestActor } from './RequestActor';

/** audit records a change in the caller's transaction, so the change and its audit row land together. */
export async function audit(
  client: pg.PoolClient,
  who: RequestActor,
  action: string,
  target: { type: string; id: string; tenant?: string | null },
  detail: Record<string, unknown> = {},
): Promise<void> {
  await client.query(
    `INSERT INTO alerting.audit_log (actor, tenant_id, action, target_type, target_id, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
    [who.actor, target.tenant ?? who.tenant, action, target.type, target.id, JSON.stringify(detail)],
  );
}
