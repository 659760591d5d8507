import type pg from 'pg';
import type { Logger } from 'pino';
import type { AlertingMetrics } from '../alertingMetrics';
import { flushGroup } from '../dispatch/flushGroup';
import { lockGroup } from '../dispatch/GroupRow';
import { escalateGroup } from '../escalation/escalateGroup';
import { Inhibitor } from '../inhibit/Inhibitor';
import type { InhibitRule } from '../inhibit/InhibitRule';
import { enqueueNotifications } from '../notify/Outbox';
import { Silencer } from '../silence/Silencer';
import { nextReminderAt } from '../silence/time/reminderSchedule';
import type { ConfigCache } from './ConfigCache';
import type { LeaderLock } from './LeaderLock';
import type { PipelineContext } from './PipelineContext';
import { PollingLoop } from './PollingLoop';
import { withTransaction } from '@sightline/db';

/** AlertEngineOptions wire the timer loop. */
export interface AlertEngineOptions {
  pool: pg.Pool;
  config: ConfigCache;
  leader: LeaderLock;
  logger: Logger;
  inhibitRules: readonly InhibitRule[];
  consoleBaseUrl: string;
  metrics?: AlertingMetrics;
  tickMs?: number;
  /** silenceReminders: remind after a silence has lasted this long, then every as often. */
  silenceReminder?: { afterMs: number; everyMs: number };
  now?: () => Date;
  /** onEnqueued is told when a pass wrote notifications (the local outbox worker is woken). */
  onEnqueued?: () => void;
}

/** TickReport counts what one timer pass did. */
export interface TickReport {
  leader: boolean;
  expired: number;
  flushed: number;
  escalated: number;
  reminders: number;
}

/**
 * AlertEngine runs the pipeline's timers on the leader replica: it resolves alerts whose endsAt passed, flushes due
 * groups (group_wait, group_interval, repeat_interval, the end of a mute), escalates unacknowledged groups and sends
 * silence reminders. Every timer is a timestamp in Postgres, so a restart or a new leader carries on where it was.
 */
export class AlertEngine {
  private readonly loop: PollingLoop<TickReport>;

  /** constructor takes the options. */
  constructor(private readonly o: AlertEngineOptions) {
    this.loop = new PollingLoop({
      pass: () => this.tick(),
      intervalMs: o.tickMs ?? 250,
      logger: o.logger,
      what: 'alert timer pass',
    });
  }

  /** start begins ticking. */
  start(): void {
    this.loop.start();
  }

  /** poke runs a tick soon, e.g. after intake scheduled a group with group_wait 0. */
  poke(): void {
    this.loop.poke();
  }

  /** stop waits for the tick in flight and gives up leadership. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await this.o.leader.release();
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  /** tick is one timer pass; it does nothing unless this replica holds the leader lock. */
  async tick(): Promise<TickReport> {
    const report: TickReport = { leader: false, expired: 0, flushed: 0, escalated: 0, reminders: 0 };
    if (!(await this.o.leader.check())) return report;
    report.leader = true;
    const now = this.now();
    report.expired = await this.expireAlerts(now);
    const ctx = await this.context(now);
    report.flushed = await this.flushDue(ctx);
    report.escalated = await this.escalateDue(ctx);
    report.reminders = await this.remindSilences(ctx);
    await this.updateGauges();
    if (report.flushed + report.escalated + report.reminders > 0) this.o.onEnqueued?.();
    return report;
  }

  private async context(now: Date): Promise<PipelineContext> {
    const cfg = await this.o.config.current();
    const { rows } = await this.o.pool.query<{ labels: Record<string, string> }>(
      `SELECT labels FROM alerting.alerts WHERE status = 'firing'
         AND (labels->>'severity' = 'page' OR labels ? 'scope') LIMIT 10000`,
    );
    const silencer = new Silencer(cfg.silences, now);
    // A silenced alert does not inhibit others (Alertmanager's rule): a muted source must not hide its targets.
    const sources = rows.map((r) => r.labels).filter((l) => silencer.mutes(l) === null);
    return {
      cfg,
      now,
      consoleBaseUrl: this.o.consoleBaseUrl,
      silencer,
      inhibitor: new Inhibitor(this.o.inhibitRules, sources),
    };
  }

  /** expireAlerts resolves alerts whose endsAt passed without a refresh and marks their groups for a flush. */
  private async expireAlerts(now: Date): Promise<number> {
    const { rows } = await this.o.pool.query<{ fingerprint: string }>(
      `UPDATE alerting.alerts SET status = 'resolved', updated_at = $1
       WHERE status = 'firing' AND ends_at IS NOT NULL AND ends_at <= $1 RETURNING fingerprint`,
      [now],
    );
    if (rows.length === 0) return 0;
    await this.o.pool.query(
      `UPDATE alerting.alert_groups g SET dirty = true, updated_at = $2,
         next_flush_at = LEAST(COALESCE(g.next_flush_at, 'infinity'),
           GREATEST($2, COALESCE(g.last_flush_at, $2) + make_interval(secs => g.group_interval_seconds)))
       WHERE g.state <> 'resolved' AND g.id IN (SELECT group_id FROM alerting.group_alerts WHERE fingerprint = ANY($1))`,
      [rows.map((r) => r.fingerprint), now],
    );
    return rows.length;
  }

  private async dueIds(column: 'next_flush_at' | 'next_escalation_at', now: Date): Promise<number[]> {
    const extra =
      column === 'next_escalation_at'
        ? `AND state = 'firing' AND acknowledged_at IS NULL AND muted IS NULL`
        : '';
    const { rows } = await this.o.pool.query<{ id: string }>(
      `SELECT id FROM alerting.alert_groups WHERE ${column} <= $1 ${extra} ORDER BY ${column} LIMIT 500`,
      [now],
    );
    return rows.map((r) => Number(r.id));
  }

  private async flushDue(ctx: PipelineContext): Promise<number> {
    let n = 0;
    for (const id of await this.dueIds('next_flush_at', ctx.now)) {
      const outcome = await withTransaction(this.o.pool, async (client) => {
        const group = await lockGroup(client, id, true);
        if (!group || !group.nextFlushAt || group.nextFlushAt > ctx.now) return null;
        return flushGroup(client, group, ctx);
      });
      if (outcome) {
        n++;
        this.o.metrics?.flushes.inc({ outcome });
      }
    }
    return n;
  }

  private async escalateDue(ctx: PipelineContext): Promise<number> {
    let n = 0;
    for (const id of await this.dueIds('next_escalation_at', ctx.now)) {
      const step = await withTransaction(this.o.pool, async (client) => {
        const group = await lockGroup(client, id, true);
        if (!group || group.state !== 'firing' || group.acknowledgedAt || group.muted) return null;
        if (!group.nextEscalationAt || group.nextEscalationAt > ctx.now) return null;
        return escalateGroup(client, group, ctx);
      });
      if (step) {
        n++;
        this.o.metrics?.escalations.inc({ step: String(step.step + 1) });
      }
    }
    return n;
  }

  private async remindSilences(ctx: PipelineContext): Promise<number> {
    const r = this.o.silenceReminder;
    if (!r) return 0;
    let n = 0;
    for (const s of ctx.cfg.silences) {
      if (!s.reminderChannelId || (s.expiredAt && s.expiredAt <= ctx.now)) continue;
      const occurrence = ctx.silencer.activeWindow(s.id);
      if (!occurrence) continue;
      const due = nextReminderAt(
        {
          startsAt: occurrence.start,
          endsAt: occurrence.end,
          createdAt: s.createdAt,
          lastReminderAt: s.lastReminderAt,
          remindAfterMs: r.afterMs,
          everyMs: r.everyMs,
        },
        ctx.now,
      );
      if (!due || due > ctx.now) continue;
      const channel = ctx.cfg.channels.get(s.reminderChannelId);
      if (!channel) continue;
      await withTransaction(this.o.pool, async (client) => {
        const { rowCount } = await client.query(
          `UPDATE alerting.silences SET last_reminder_at = $2 WHERE id = $1
             AND last_reminder_at IS NOT DISTINCT FROM $3`,
          [s.id, ctx.now, s.lastReminderAt],
        );
        if (!rowCount) return;
        // The silence row is configuration every replica caches: moving the version makes them see the reminder.
        await client.query(`UPDATE alerting.config_version SET version = version + 1 WHERE id = 1`);
        await enqueueNotifications(
          client,
          [
            {
              idemKey: `s${s.id}:reminder:${ctx.now.getTime()}`,
              groupId: null,
              incident: null,
              silenceId: s.id,
              target: {
                key: `channel:${channel.id}`,
                channelId: channel.id,
                integration: channel.config.type,
                adhoc: null,
                via: `silence:${s.id}`,
              },
              notification: {
                action: 'reminder',
                dedupKey: `sightline-silence-${s.id}`,
                severity: 'info',
                title: `Reminder: ${s.kind} ${s.id} is still muting alerts until ${occurrence.end.toISOString()} (${s.comment})`,
                tenant: s.tenantId,
                groupLabels: {},
                alerts: [],
                consoleUrl: `${ctx.consoleBaseUrl.replace(/\/$/, '')}/silences/${s.id}`,
                runbookUrl: null,
                escalation: null,
                occurredAt: ctx.now.toISOString(),
              },
            },
          ],
          ctx.now,
        );
        n++;
      });
    }
    if (n > 0) this.o.config.invalidate();
    return n;
  }

  private async updateGauges(): Promise<void> {
    if (!this.o.metrics) return;
    const { rows } = await this.o.pool.query<{ state: string; n: string }>(
      `SELECT CASE WHEN state = 'firing' AND acknowledged_at IS NOT NULL THEN 'acknowledged'
                   WHEN muted IS NOT NULL AND state <> 'resolved' THEN 'muted' ELSE state END AS state, count(*) AS n
       FROM alerting.alert_groups WHERE state <> 'resolved' OR resolved_at > now() - interval '1 hour' GROUP BY 1`,
    );
    this.o.metrics.activeGroups.reset();
    for (const r of rows) this.o.metrics.activeGroups.set({ state: r.state }, Number(r.n));
  }
}
