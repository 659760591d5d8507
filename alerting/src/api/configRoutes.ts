import { randomUUID } from 'node:crypto';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  refuseUnstorableText,
} from '@sightline/http';
import express from 'express';
import type { Request, Router } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { RouteSpec } from '../dispatch/RouteSpec';
import { RoutingTree, RoutingTreeError } from '../dispatch/RoutingTree';
import type { RouteRow } from '../dispatch/RoutingTree';
import type { ConfigCache } from '../engine/ConfigCache';
import { withTransaction } from '@sightline/db';
import { EscalationPolicySpec } from '../escalation/EscalationPolicySpec';
import type { EscalationPolicyValue } from '../escalation/EscalationPolicySpec';
import { channelConfigSchema, MASK, redactChannelConfig } from '../notify/ChannelConfig';
import type { ChannelConfig } from '../notify/ChannelConfig';
import { onCallAt } from '../oncall/onCallAt';
import { ScheduleSpecSchema } from '../oncall/ScheduleSpec';
import type { ScheduleSpec } from '../oncall/ScheduleSpec';
import { SilenceSpec, UNSCOPED_SILENCE } from '../silence/SilenceSpec';
import { activeOccurrence } from '../silence/time/activeOccurrence';
import { isExpired } from '../silence/time/isExpired';
import { nextOccurrence } from '../silence/time/nextOccurrence';
import type { TimeWindow } from '../silence/time/TimeWindow';
import { audit } from './audit';
import { requestActor } from './RequestActor';
import type { RequestActor } from './RequestActor';

const ID = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'ids are 1-63 of [a-z0-9_-]');
type Row = Record<string, unknown>;

/** Resource describes one configuration table to the generic CRUD routes. */
interface Resource {
  path: string;
  table: string;
  type: string;
  /** platformOnly resources are refused to tenant-scoped callers. */
  platformOnly: boolean;
  /** parse validates a body into column values (without id). */
  parse(body: unknown, who: RequestActor): Row;
  /** check verifies references inside the transaction; it throws a 4xx error. */
  check?(client: pg.PoolClient, columns: Row, id: string): Promise<void>;
  view(row: Row): Record<string, unknown>;
  /** scope limits a tenant-scoped caller's rows (silences). */
  tenantColumn?: string;
  canDelete?(row: Row): string | null;
}

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);

function stripId(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const { id: _id, ...rest } = v as Record<string, unknown>;
    return rest;
  }
  return v;
}

const exists = async (client: pg.PoolClient, table: string, id: string): Promise<boolean> =>
  ((await client.query(`SELECT 1 FROM alerting.${table} WHERE id = $1`, [id])).rowCount ?? 0) > 0;

function silenceStatus(
  window: TimeWindow,
  expiredAt: Date | null,
  now: Date,
): 'active' | 'pending' | 'expired' {
  if ((expiredAt && expiredAt <= now) || isExpired(window, now)) return 'expired';
  return activeOccurrence(window, now) ? 'active' : 'pending';
}

/** configRoutes serves CRUD for channels, users, schedules, escalation policies, routes and silences, audited. */
export function configRoutes(o: { pool: pg.Pool; config: ConfigCache; now: () => Date }): Router {
  const router = express.Router();
  router.use(express.json({ limit: 64 * 1024 }), refuseUnstorableText);

  const resources: Resource[] = [
    {
      path: 'channels',
      table: 'channels',
      type: 'channel',
      platformOnly: true,
      parse: (body) => {
        const v = z
          .strictObject({ name: z.string().min(1).max(128), config: channelConfigSchema })
          .parse(body);
        return { name: v.name, type: v.config.type, config: JSON.stringify(v.config) };
      },
      view: (r) => ({
        id: r.id,
        name: r.name,
        type: r.type,
        config: redactChannelConfig(r.config as ChannelConfig),
        updatedAt: iso(r.updated_at),
      }),
      canDelete: () => null,
    },
    {
      path: 'users',
      table: 'users',
      type: 'user',
      platformOnly: true,
      parse: (body) => {
        const v = z
          .strictObject({
            name: z.string().min(1).max(128),
            email: z.email().max(254).nullable().default(null),
            channelIds: z.array(ID).max(10).default([]),
          })
          .parse(body);
        return { name: v.name, email: v.email, channel_ids: v.channelIds };
      },
      check: async (client, c) => {
        for (const id of c.channel_ids as string[])
          if (!(await exists(client, 'channels', id)))
            throw new BadRequestError(`channelIds: channel ${id} does not exist`);
      },
      view: (r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        channelIds: r.channel_ids,
        updatedAt: iso(r.updated_at),
      }),
    },
    {
      path: 'schedules',
      table: 'schedules',
      type: 'schedule',
      platformOnly: true,
      parse: (body) => {
        const v = z.strictObject({ name: z.string().min(1).max(128), spec: ScheduleSpecSchema }).parse(body);
        return { name: v.name, spec: JSON.stringify(v.spec) };
      },
      view: (r) => ({ id: r.id, name: r.name, spec: r.spec, updatedAt: iso(r.updated_at) }),
    },
    {
      path: 'policies',
      table: 'escalation_policies',
      type: 'escalation_policy',
      platformOnly: true,
      parse: (body) => {
        const v = EscalationPolicySpec.parse(body);
        return { name: v.name, repeat: v.repeat, steps: JSON.stringify(v.steps) };
      },
      check: async (client, c) => {
        const steps = JSON.parse(c.steps as string) as EscalationPolicyValue['steps'];
        const table = { channel: 'channels', user: 'users', schedule: 'schedules' } as const;
        for (const [i, s] of steps.entries())
          for (const t of s.targets)
            if (!(await exists(client, table[t.type], t.id)))
              throw new BadRequestError(`steps.${i}.targets: ${t.type} ${t.id} does not exist`);
      },
      view: (r) => ({
        id: r.id,
        name: r.name,
        repeat: r.repeat,
        steps: r.steps,
        updatedAt: iso(r.updated_at),
      }),
    },
    {
      path: 'routes',
      table: 'routes',
      type: 'route',
      platformOnly: true,
      parse: (body) => {
        const v = RouteSpec.parse(body);
        return {
          name: v.name,
          parent_id: v.parentId,
          position: v.position,
          matchers: JSON.stringify(v.matchers),
          continue: v.continue,
          group_by: v.groupBy ?? null,
          group_wait_seconds: v.groupWaitSeconds ?? null,
          group_interval_seconds: v.groupIntervalSeconds ?? null,
          repeat_interval_seconds: v.repeatIntervalSeconds ?? null,
          policy_id: v.policyId ?? null,
        };
      },
      check: async (client, c, id) => {
        if (c.policy_id && !(await exists(client, 'escalation_policies', c.policy_id as string)))
          throw new BadRequestError(`policyId: policy ${String(c.policy_id)} does not exist`);
        // The would-be tree must still be a tree: one root, no cycles, known parents.
        const { rows } = await client.query(`SELECT * FROM alerting.routes WHERE id <> $1`, [id]);
        const all: RouteRow[] = [...rows, { ...c, id }].map((r: Row) => ({
          id: r.id as string,
          parentId: (r.parent_id as string | null) ?? null,
          position: r.position as number,
          name: r.name as string,
          matchers: [],
          continue: false,
          groupBy: null,
          groupWaitSeconds: null,
          groupIntervalSeconds: null,
          repeatIntervalSeconds: null,
          policyId: null,
        }));
        const known = new Set(all.map((r) => r.id));
        for (const r of all)
          if (r.parentId !== null && !known.has(r.parentId))
            throw new BadRequestError(`parentId: route ${r.parentId} does not exist`);
        try {
          RoutingTree.fromRows(all);
        } catch (err) {
          if (err instanceof RoutingTreeError) throw new BadRequestError(`parentId: ${err.message}`);
          throw err;
        }
        const reachable = new Set<string>();
        const root = all.find((r) => r.parentId === null);
        const stack = root ? [root.id] : [];
        while (stack.length) {
          const cur = stack.pop()!;
          reachable.add(cur);
          for (const r of all) if (r.parentId === cur && !reachable.has(r.id)) stack.push(r.id);
        }
        if (reachable.size !== all.length) throw new BadRequestError('parentId: routes would form a cycle');
      },
      view: (r) => ({
        id: r.id,
        name: r.name,
        parentId: r.parent_id,
        position: r.position,
        matchers: r.matchers,
        continue: r.continue,
        groupBy: r.group_by,
        groupWaitSeconds: r.group_wait_seconds,
        groupIntervalSeconds: r.group_interval_seconds,
        repeatIntervalSeconds: r.repeat_interval_seconds,
        policyId: r.policy_id,
        updatedAt: iso(r.updated_at),
      }),
      canDelete: (r) => (r.parent_id === null ? 'the root route cannot be deleted' : null),
    },
    {
      path: 'silences',
      table: 'silences',
      type: 'silence',
      platformOnly: false,
      tenantColumn: 'tenant_id',
      parse: (body, who) => {
        const v = SilenceSpec.parse(body);
        if (who.tenant !== null && v.tenant !== undefined && v.tenant !== who.tenant)
          throw new ForbiddenError(`this caller may only silence tenant ${who.tenant}`);
        // A tenant-scoped caller's silence always carries its tenant, so it can never mute another tenant.
        const tenant = who.tenant ?? v.tenant ?? null;
        if (v.matchers.length === 0 && tenant === null && v.service === undefined)
          throw new BadRequestError(UNSCOPED_SILENCE);
        return {
          kind: v.kind,
          tenant_id: tenant,
          service: v.service ?? null,
          matchers: JSON.stringify(v.matchers),
          time_window: JSON.stringify(v.window),
          comment: v.comment,
          created_by: who.actor,
          reminder_channel_id: v.reminderChannelId ?? null,
        };
      },
      check: async (client, c) => {
        if (c.reminder_channel_id && !(await exists(client, 'channels', c.reminder_channel_id as string)))
          throw new BadRequestError(
            `reminderChannelId: channel ${String(c.reminder_channel_id)} does not exist`,
          );
      },
      view: (r) => {
        const window = r.time_window as TimeWindow;
        const now = o.now();
        const expiredAt = r.expired_at as Date | null;
        const occ = activeOccurrence(window, now) ?? nextOccurrence(window, now);
        return {
          id: r.id,
          kind: r.kind,
          tenant: r.tenant_id,
          service: r.service,
          matchers: r.matchers,
          window,
          comment: r.comment,
          createdBy: r.created_by,
          reminderChannelId: r.reminder_channel_id,
          status: silenceStatus(window, expiredAt, now),
          currentOrNext: occ ? { start: occ.start.toISOString(), end: occ.end.toISOString() } : null,
          expiredAt: iso(expiredAt),
          createdAt: iso(r.created_at),
          updatedAt: iso(r.updated_at),
        };
      },
    },
  ];

  const bump = async (client: pg.PoolClient) =>
    client.query(`UPDATE alerting.config_version SET version = version + 1 WHERE id = 1`);

  for (const res of resources) {
    const guard = (req: Request): RequestActor => {
      const who = requestActor(req);
      if (res.platformOnly && who.tenant !== null)
        throw new ForbiddenError(
          `${res.path} are platform configuration; tenant-scoped callers cannot read or change them`,
        );
      return who;
    };
    const scoped = (who: RequestActor) =>
      res.tenantColumn && who.tenant !== null
        ? { sql: ` AND ${res.tenantColumn} = $2`, args: [who.tenant] }
        : { sql: '', args: [] };
    const load = async (
      db: pg.Pool | pg.PoolClient,
      who: RequestActor,
      id: string,
      lock = false,
    ): Promise<Row> => {
      const s = scoped(who);
      const { rows } = await db.query(
        `SELECT * FROM alerting.${res.table} WHERE id = $1${s.sql}${lock ? ' FOR UPDATE' : ''}`,
        [id, ...s.args],
      );
      if (!rows[0]) throw new NotFoundError(`no ${res.type.replace('_', ' ')} ${id}`);
      return rows[0] as Row;
    };

    router.get(`/${res.path}`, async (req, resp) => {
      const who = guard(req);
      const s = scoped(who);
      const { rows } = await o.pool.query(
        `SELECT * FROM alerting.${res.table} WHERE true${s.sql.replace('$2', '$1')} ORDER BY created_at, id LIMIT 1000`,
        s.args,
      );
      resp.json({ [res.path]: rows.map((r) => res.view(r as Row)) });
    });

    router.get(`/${res.path}/:id`, async (req, resp) => {
      const who = guard(req);
      resp.json(res.view(await load(o.pool, who, ID.parse(req.params.id))));
    });

    router.post(`/${res.path}`, async (req, resp) => {
      const who = guard(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const id = body.id === undefined ? randomUUID().slice(0, 8) : ID.parse(body.id);
      const columns = res.parse(stripId(body), who);
      const row = await withTransaction(o.pool, async (client) => {
        if (await exists(client, res.table, id))
          throw new ConflictError(`${res.type.replace('_', ' ')} ${id} already exists`);
        await res.check?.(client, columns, id);
        // created_at comes from the engine's clock, which the timers compare it with (a silence's reminders, the
        // first occurrence of a recurring window), not from the database's.
        const stamped: Record<string, unknown> = { ...columns, created_at: o.now() };
        const keys = Object.keys(stamped);
        const { rows } = await client.query(
          `INSERT INTO alerting.${res.table} (id, ${keys.join(', ')}) VALUES ($1, ${keys.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING *`,
          [id, ...keys.map((k) => stamped[k])],
        );
        await bump(client);
        await audit(
          client,
          who,
          `${res.type}.create`,
          { type: res.type, id, tenant: (columns.tenant_id as string) ?? null },
          { after: res.view(rows[0] as Row) },
        );
        return rows[0] as Row;
      });
      o.config.invalidate();
      resp.status(201).location(`${req.baseUrl}/${res.path}/${id}`).json(res.view(row));
    });

    router.put(`/${res.path}/:id`, async (req, resp) => {
      const who = guard(req);
      const id = ID.parse(req.params.id);
      const columns = res.parse(stripId(req.body ?? {}), who);
      const row = await withTransaction(o.pool, async (client) => {
        const before = await load(client, who, id, true);
        if (res.path === 'silences' && before.expired_at && (before.expired_at as Date) <= o.now())
          throw new ConflictError(`silence ${id} has expired; create a new one`);
        if (res.path === 'channels' && JSON.stringify(columns.config).includes(MASK))
          throw new BadRequestError(
            'config: a masked value (••••) was sent back; send the full secret again',
          );
        if (res.path === 'routes' && (before.parent_id === null) !== (columns.parent_id === null))
          throw new BadRequestError('parentId: the root route stays the root');
        await res.check?.(client, columns, id);
        const keys = Object.keys(columns);
        const { rows } = await client.query(
          `UPDATE alerting.${res.table} SET ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')}, updated_at = now()
           WHERE id = $1 RETURNING *`,
          [id, ...keys.map((k) => columns[k])],
        );
        await bump(client);
        await audit(
          client,
          who,
          `${res.type}.update`,
          { type: res.type, id, tenant: (before.tenant_id as string) ?? null },
          {
            before: res.view(before),
            after: res.view(rows[0] as Row),
          },
        );
        return rows[0] as Row;
      });
      o.config.invalidate();
      resp.json(res.view(row));
    });

    router.delete(`/${res.path}/:id`, async (req, resp) => {
      const who = guard(req);
      const id = ID.parse(req.params.id);
      await withTransaction(o.pool, async (client) => {
        const before = await load(client, who, id, true);
        if (res.path === 'silences') {
          // Silences are expired, not deleted, so the record of who muted what stays.
          const expired = before.expired_at as Date | null;
          if (expired && expired <= o.now()) return;
          await client.query(
            `UPDATE alerting.silences SET expired_at = $2, updated_at = now() WHERE id = $1`,
            [id, o.now()],
          );
        } else {
          const refuse = res.canDelete?.(before) ?? null;
          if (refuse) throw new BadRequestError(refuse);
          try {
            await client.query(`DELETE FROM alerting.${res.table} WHERE id = $1`, [id]);
          } catch (err) {
            if ((err as { code?: string }).code === '23503')
              throw new ConflictError(`${res.type.replace('_', ' ')} ${id} is still referenced`);
            throw err;
          }
        }
        await bump(client);
        await audit(
          client,
          who,
          `${res.type}.${res.path === 'silences' ? 'expire' : 'delete'}`,
          {
            type: res.type,
            id,
            tenant: (before.tenant_id as string) ?? null,
          },
          { before: res.view(before) },
        );
      });
      o.config.invalidate();
      resp.status(204).end();
    });
  }

  router.get('/schedules/:id/oncall', async (req, resp) => {
    requestActor(req);
    const id = ID.parse(req.params.id);
    const at = z.strictObject({ at: z.iso.datetime({ offset: true }).optional() }).parse(req.query).at;
    const { rows } = await o.pool.query(`SELECT * FROM alerting.schedules WHERE id = $1`, [id]);
    if (!rows[0]) throw new NotFoundError(`no schedule ${id}`);
    const when = at ? new Date(at) : o.now();
    const result = onCallAt((rows[0] as Row).spec as ScheduleSpec, when);
    resp.json({
      schedule: id,
      at: when.toISOString(),
      users: result.users,
      shift: result.shift
        ? { ...result.shift, start: result.shift.start.toISOString(), end: result.shift.end.toISOString() }
        : null,
    });
  });

  router.get('/audit', async (req, resp) => {
    const who = requestActor(req);
    const q = z
      .strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) })
      .parse(req.query);
    const { rows } = await o.pool.query(
      `SELECT * FROM alerting.audit_log WHERE ($1::text IS NULL OR tenant_id = $1) ORDER BY id DESC LIMIT $2`,
      [who.tenant, q.limit],
    );
    resp.json({
      entries: rows.map((r: Row) => ({
        id: Number(r.id),
        at: iso(r.at),
        actor: r.actor,
        tenant: r.tenant_id,
        action: r.action,
        target: { type: r.target_type, id: r.target_id },
        detail: r.detail,
      })),
    });
  });
  return router;
}
