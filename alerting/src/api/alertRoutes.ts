import { BadRequestError, ForbiddenError, NotFoundError, ConflictError } from '@sightline/http';
import express from 'express';
import type { Router } from 'express';
import type pg from 'pg';
import { TenantId } from '@sightline/contracts';
import { z } from 'zod';
import { groupAlerts, toAlertRow, toGroupRow } from '../dispatch/GroupRow';
import type { AlertRow, GroupRow } from '../dispatch/GroupRow';
import { withTransaction } from '@sightline/db';
import { acknowledgeGroup } from '../escalation/acknowledgeGroup';
import { resolveGroup } from '../escalation/resolveGroup';
import { audit } from './audit';
import { requestActor } from './RequestActor';

const TENANT = TenantId;

const AlertQuery = z.strictObject({
  tenant: TENANT.optional(),
  state: z.enum(['firing', 'resolved']).optional(),
  severity: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const GroupQuery = z.strictObject({
  tenant: TENANT.optional(),
  state: z.enum(['pending', 'firing', 'acknowledged', 'resolved', 'open']).optional(),
  severity: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** alertView is an alert as the API shows it. */
export function alertView(a: AlertRow): Record<string, unknown> {
  return {
    fingerprint: a.fingerprint,
    tenant: a.tenantId,
    status: a.status,
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt?.toISOString() ?? null,
    generatorUrl: a.generatorUrl,
    source: a.source,
    receivedAt: a.receivedAt.toISOString(),
  };
}

/** GroupLead is what a list shows of a group's alerts: the lead firing alert and since when anything fires. */
export interface GroupLead {
  summary: string | null;
  severity: string | null;
  firingSince: Date | null;
}

/** LEAD_SQL adds summary, severity and firing_since columns to a query over alert_groups aliased `g`. */
const LEAD_SQL = `LEFT JOIN LATERAL (
    SELECT COALESCE(a.annotations->>'summary', a.labels->>'alertname') AS summary, a.labels->>'severity' AS severity,
      min(a.starts_at) OVER () AS firing_since
    FROM alerting.group_alerts ga JOIN alerting.alerts a ON a.fingerprint = ga.fingerprint
    WHERE ga.group_id = g.id AND a.status = 'firing' ORDER BY a.starts_at, a.fingerprint LIMIT 1) lead ON true`;

/** groupView is a group (the unit that pages) as the API shows it. */
export function groupView(g: GroupRow, lead?: GroupLead): Record<string, unknown> {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: g.id,
    dedupKey: g.dedupKey,
    tenant: g.tenantId,
    route: g.routeId,
    policy: g.policyId,
    labels: g.groupLabels,
    ...(lead
      ? {
          summary: lead.summary ?? g.groupLabels.alertname ?? 'alert group',
          severity: lead.severity ?? g.groupLabels.severity ?? null,
          firingSince: iso(lead.firingSince),
        }
      : {}),
    state: g.state === 'firing' && g.acknowledgedAt ? 'acknowledged' : g.state,
    muted: g.muted,
    incident: g.incident,
    acknowledgedAt: iso(g.acknowledgedAt),
    acknowledgedBy: g.acknowledgedBy,
    resolvedAt: iso(g.resolvedAt),
    resolvedBy: g.resolvedBy,
    escalation:
      g.escalationStep === null
        ? null
        : { step: g.escalationStep + 1, pass: (g.escalationPass ?? 0) + 1, nextAt: iso(g.nextEscalationAt) },
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}

/** alertRoutes lists alerts and groups (tenant-scoped callers see only their tenant) and acks and resolves groups. */
export function alertRoutes(o: {
  pool: pg.Pool;
  consoleBaseUrl: string;
  now: () => Date;
  onChange: () => void;
}): Router {
  const router = express.Router();
  const scopeTenant = (who: { tenant: string | null }, asked: string | undefined): string | undefined => {
    if (who.tenant === null) return asked;
    if (asked !== undefined && asked !== who.tenant)
      throw new ForbiddenError(`this caller may only read tenant ${who.tenant}`);
    return who.tenant;
  };

  router.get('/alerts', async (req, res) => {
    const who = requestActor(req);
    const q = AlertQuery.parse(req.query);
    const tenant = scopeTenant(who, q.tenant);
    const { rows } = await o.pool.query(
      `SELECT * FROM alerting.alerts WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2::text IS NULL OR status = $2)
         AND ($3::text IS NULL OR labels->>'severity' = $3)
       ORDER BY status, updated_at DESC LIMIT $4`,
      [tenant ?? null, q.state ?? null, q.severity ?? null, q.limit],
    );
    res.json({ alerts: rows.map((r) => alertView(toAlertRow(r as Record<string, unknown>))) });
  });

  router.get('/groups', async (req, res) => {
    const who = requestActor(req);
    const q = GroupQuery.parse(req.query);
    const tenant = scopeTenant(who, q.tenant);
    const stateSql: Record<string, string> = {
      pending: `state = 'pending'`,
      firing: `state = 'firing' AND acknowledged_at IS NULL`,
      acknowledged: `state = 'firing' AND acknowledged_at IS NOT NULL`,
      resolved: `state = 'resolved'`,
      open: `state <> 'resolved'`,
    };
    const { rows } = await o.pool.query(
      `SELECT g.*, lead.summary, lead.severity AS lead_severity, lead.firing_since FROM alerting.alert_groups g ${LEAD_SQL}
       WHERE ($1::text IS NULL OR tenant_id = $1) AND ${q.state ? stateSql[q.state] : 'true'}
         AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM alerting.group_alerts ga JOIN alerting.alerts a USING (fingerprint)
              WHERE ga.group_id = g.id AND a.labels->>'severity' = $2))
       ORDER BY (state = 'resolved'), updated_at DESC LIMIT $3`,
      [tenant ?? null, q.severity ?? null, q.limit],
    );
    res.json({
      groups: rows.map((r: Record<string, unknown>) =>
        groupView(toGroupRow(r), {
          summary: r.summary as string | null,
          severity: r.lead_severity as string | null,
          firingSince: r.firing_since as Date | null,
        }),
      ),
    });
  });

  const loadGroup = async (req: express.Request): Promise<GroupRow> => {
    const who = requestActor(req);
    const raw = String(req.params.id);
    const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(id)) throw new BadRequestError('group id must be a positive decimal integer');
    const { rows } = await o.pool.query(`SELECT * FROM alerting.alert_groups WHERE id = $1`, [id]);
    const g = rows[0] ? toGroupRow(rows[0] as Record<string, unknown>) : null;
    // Another tenant's group answers exactly like a missing one.
    if (!g || (who.tenant !== null && g.tenantId !== who.tenant))
      throw new NotFoundError(`no alert group ${id}`);
    return g;
  };

  router.get('/groups/:id', async (req, res) => {
    const g = await loadGroup(req);
    const [alerts, events, notifications] = await Promise.all([
      groupAlerts(o.pool, g.id),
      o.pool.query(
        `SELECT at, kind, actor, detail FROM alerting.group_events WHERE group_id = $1 ORDER BY id LIMIT 500`,
        [g.id],
      ),
      o.pool.query(
        `SELECT id, incident, target_key, integration, action, status, attempts, last_error, created_at, delivered_at
         FROM alerting.notifications WHERE group_id = $1 ORDER BY id LIMIT 500`,
        [g.id],
      ),
    ]);
    res.json({
      group: groupView(g),
      alerts: alerts.map(alertView),
      timeline: events.rows,
      notifications: notifications.rows.map((n: Record<string, unknown>) => ({
        id: Number(n.id),
        incident: n.incident,
        target: n.target_key,
        integration: n.integration,
        action: n.action,
        status: n.status,
        attempts: n.attempts,
        lastError: n.last_error,
        createdAt: (n.created_at as Date).toISOString(),
        deliveredAt: (n.delivered_at as Date | null)?.toISOString() ?? null,
      })),
    });
  });

  for (const action of ['ack', 'resolve'] as const) {
    router.post(`/groups/:id/${action}`, express.json({ limit: 4096 }), async (req, res) => {
      const who = requestActor(req);
      const g = await loadGroup(req);
      const outcome = await withTransaction(o.pool, async (client) => {
        const ctx = { now: o.now(), consoleBaseUrl: o.consoleBaseUrl };
        const r =
          action === 'ack'
            ? await acknowledgeGroup(client, g.id, who.actor, ctx)
            : await resolveGroup(client, g.id, who.actor, ctx);
        if (r.ok)
          await audit(client, who, `group.${action}`, {
            type: 'alert_group',
            id: String(g.id),
            tenant: g.tenantId,
          });
        return r;
      });
      if (!outcome.ok) {
        if (outcome.reason === 'not-found') throw new NotFoundError(`no alert group ${g.id}`);
        throw new ConflictError(`alert group ${g.id} is not firing`);
      }
      o.onChange();
      res.json({ group: groupView(outcome.group) });
    });
  }
  return router;
}
