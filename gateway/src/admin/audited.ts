import type { Request, Response } from 'express';
import type { Kysely, Transaction } from 'kysely';
import { HttpError } from '@sightline/http';
import type { GatewayDatabase } from '../db/GatewayDatabase';
import { clientIpOf } from '../net/clientIpOf';
import type { AdminContext } from './AdminContext';
import { adminOf } from './requireSuperAdmin';

/** AuditedChange is what a config change reports for its audit row. */
export interface AuditedChange<T> {
  before: unknown;
  after: unknown;
  entityId?: string;
  /** What the route answers with. */
  result: T;
}

/** ConflictError is a 409: the change collides with existing config. */
export class ConflictError extends HttpError {
  override name = 'ConflictError';
  constructor(detail: string) {
    super(409, 'Conflict', detail);
  }
}

/**
 * audited runs a config change in a transaction that also appends its gateway.config_audit row (who, what,
 * before/after, when, from where, result), so a change and its audit commit together or not at all. A change
 * that fails is rolled back and then audited on its own with the failure as the result.
 */
export async function audited<T>(
  ctx: AdminContext,
  req: Request,
  res: Response,
  what: { action: string; entity: string; entityId?: string },
  change: (trx: Transaction<GatewayDatabase>) => Promise<AuditedChange<T>>,
): Promise<T> {
  const admin = adminOf(res);
  const clientIp = clientIpOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], ctx.trustedProxies);
  const row = {
    actor: admin.userId,
    actor_email: admin.email ?? null,
    action: what.action,
    entity: what.entity,
    client_ip: clientIp,
  };
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const done = await change(trx);
      await insertAudit(trx, {
        ...row,
        entity_id: done.entityId ?? what.entityId ?? null,
        before: JSON.stringify(done.before ?? null),
        after: JSON.stringify(done.after ?? null),
        result: 'ok',
      });
      return done.result;
    });
  } catch (err) {
    const mapped = mapDbError(err);
    const status = mapped instanceof HttpError ? `${mapped.status} ${mapped.message}` : 'error';
    await insertAudit(ctx.db, {
      ...row,
      entity_id: what.entityId ?? null,
      before: 'null',
      after: 'null',
      result: `rejected: ${status}`.slice(0, 500),
    }).catch(() => undefined);
    throw mapped;
  }
}

function insertAudit(
  db: Kysely<GatewayDatabase>,
  values: {
    actor: string;
    actor_email: string | null;
    action: string;
    entity: string;
    entity_id: string | null;
    before: string;
    after: string;
    client_ip: string;
    result: string;
  },
) {
  return db.insertInto('gateway.config_audit').values(values).execute();
}

function mapDbError(err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  if (code === '23505') return new ConflictError('it already exists');
  if (code === '23503') return new ConflictError('it refers to a tenant that does not exist');
  if (code === '23514') return new ConflictError('it breaks a constraint of the limit tables');
  return err;
}
