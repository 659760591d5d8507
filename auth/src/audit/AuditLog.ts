import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { AuthDatabase } from '../db/AuthDatabase';

/** AuditActor is who did something: a user, a machine client, auth itself, or someone not yet known. */
export interface AuditActor {
  type: 'user' | 'client' | 'system' | 'anonymous';
  id?: string;
  email?: string;
}

/** AuditEntry is one event to append: who, what, on which target and tenant, from where, with what result. */
export interface AuditEntry {
  actor: AuditActor;
  action: string;
  tenantId?: string | null;
  target?: { type: string; id: string };
  result: 'success' | 'failure';
  reason?: string;
  ip?: string;
  details?: Record<string, unknown>;
}

/** AuditQuery filters GET /admin/v1/audit; `before` is the cursor (an id), newest first. */
export interface AuditQuery {
  actor?: string;
  action?: string;
  tenant?: string;
  since?: Date;
  until?: Date;
  before?: number;
  limit: number;
}

/** AuditRecord is one stored event as the admin API returns it. */
export interface AuditRecord {
  id: number;
  at: string;
  actor: { type: string; id: string | null; email: string | null };
  tenantId: string | null;
  action: string;
  target: { type: string; id: string } | null;
  result: 'success' | 'failure';
  reason: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** AuditLog appends to and reads auth.audit_log, which the database keeps append-only. */
export class AuditLog {
  constructor(private readonly db: Kysely<AuthDatabase>) {}

  /** record appends one event; pass a transaction so a change and its audit commit or fail together. */
  async record(entry: AuditEntry, db: Kysely<AuthDatabase> = this.db): Promise<void> {
    await db
      .insertInto('auth.audit_log')
      .values({
        actor_type: entry.actor.type,
        actor_id: entry.actor.id ?? null,
        actor_email: entry.actor.email ?? null,
        tenant_id: entry.tenantId ?? null,
        action: entry.action,
        target_type: entry.target?.type ?? null,
        target_id: entry.target?.id ?? null,
        result: entry.result,
        reason: entry.reason ?? null,
        ip: entry.ip ?? null,
        details: JSON.stringify(entry.details ?? {}),
      })
      .execute();
  }

  /** query returns one page of events, newest first, and the cursor of the next page (or null). */
  async query(q: AuditQuery): Promise<{ events: AuditRecord[]; next: number | null }> {
    let query = this.db.selectFrom('auth.audit_log').selectAll();
    if (q.actor !== undefined) {
      const actor = q.actor;
      query = query.where((eb) =>
        eb.or([eb('actor_id', '=', actor), eb('actor_email', '=', actor.toLowerCase())]),
      );
    }
    if (q.action !== undefined) query = query.where('action', '=', q.action);
    if (q.tenant !== undefined) query = query.where('tenant_id', '=', q.tenant);
    if (q.since !== undefined) query = query.where('at', '>=', q.since);
    if (q.until !== undefined) query = query.where('at', '<', q.until);
    if (q.before !== undefined) query = query.where(sql<boolean>`id < ${q.before}`);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(q.limit + 1)
      .execute();
    const page = rows.slice(0, q.limit);
    return {
      events: page.map((r) => ({
        id: Number(r.id),
        at: r.at.toISOString(),
        actor: { type: r.actor_type, id: r.actor_id, email: r.actor_email },
        tenantId: r.tenant_id,
        action: r.action,
        target:
          r.target_type !== null && r.target_id !== null ? { type: r.target_type, id: r.target_id } : null,
        result: r.result,
        reason: r.reason,
        ip: r.ip,
        details: r.details,
      })),
      next: rows.length > q.limit ? Number(page[page.length - 1]!.id) : null,
    };
  }
}
