import type pg from 'pg';
import { withTransaction } from '@sightline/db';
import type { FiringAlert } from './AlertTransitions';
import type { SloStatus } from './math/computeSloStatus';
import type { NewSloAlertEvent, SloAlertEvent, SloAlertState } from './SloAlertEvent';

/** HistoryPoint is one stored budget/burn snapshot. */
export interface HistoryPoint {
  at: string;
  sli: number | null;
  errorBudgetRemaining: number | null;
  timeToExhaustionSeconds: number | null;
  burnRates: Record<string, number | null>;
}

/** AlertEventQuery filters the alert event log. */
export interface AlertEventQuery {
  tenant?: string;
  state?: SloAlertState;
  after?: number;
  limit: number;
}

interface EventRow {
  id: string;
  fingerprint: string;
  state: SloAlertState;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  starts_at: Date;
  ends_at: Date | null;
  long_burn_rate: number | null;
  short_burn_rate: number | null;
  created_at: Date;
}

/** SloStore keeps SLO snapshots and alert events in the alerting schema. */
export class SloStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** fromPool wraps a pool whose database holds the migrated alerting schema. */
  static fromPool(pool: pg.Pool): SloStore {
    return new SloStore(pool);
  }

  /** ping checks the database answers. */
  async ping(): Promise<boolean> {
    await this.pool.query('SELECT 1');
    return true;
  }

  /** saveSnapshots upserts one row per SLO per minute; the latest evaluation in a minute wins. */
  async saveSnapshots(statuses: readonly SloStatus[], at: Date): Promise<void> {
    if (statuses.length === 0) return;
    const values: unknown[] = [];
    const rows = statuses.map((s, i) => {
      const burnRates = Object.fromEntries(Object.entries(s.windows).map(([w, v]) => [w, v.burnRate]));
      values.push(s.tenant, s.slo, at.toISOString(), s.objective, s.sli, s.errorBudgetRemaining);
      values.push(s.timeToExhaustionSeconds, JSON.stringify(burnRates));
      const p = i * 8;
      return `($${p + 1}, $${p + 2}, date_trunc('minute', $${p + 3}::timestamptz), $${p + 3}::timestamptz, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8}::jsonb)`;
    });
    await this.pool.query(
      `INSERT INTO alerting.slo_snapshots
         (tenant_id, slo, minute, evaluated_at, objective, sli, budget_remaining, time_to_exhaustion_seconds, burn_rates)
       VALUES ${rows.join(', ')}
       ON CONFLICT (tenant_id, slo, minute) DO UPDATE SET evaluated_at = excluded.evaluated_at,
         objective = excluded.objective, sli = excluded.sli, budget_remaining = excluded.budget_remaining,
         time_to_exhaustion_seconds = excluded.time_to_exhaustion_seconds, burn_rates = excluded.burn_rates`,
      values,
    );
  }

  /** history returns at most one snapshot per step between from and to, oldest first (the last of each step). */
  async history(
    tenant: string,
    slo: string,
    from: Date,
    to: Date,
    stepSeconds: number,
  ): Promise<HistoryPoint[]> {
    const res = await this.pool.query<{
      evaluated_at: Date;
      sli: number | null;
      budget_remaining: number | null;
      time_to_exhaustion_seconds: number | null;
      burn_rates: Record<string, number | null>;
    }>(
      `SELECT * FROM (
         SELECT DISTINCT ON (floor(extract(epoch FROM minute) / $5)) evaluated_at, sli, budget_remaining,
                time_to_exhaustion_seconds, burn_rates
         FROM alerting.slo_snapshots
         WHERE tenant_id = $1 AND slo = $2 AND minute >= date_trunc('minute', $3::timestamptz) AND minute <= $4
         ORDER BY floor(extract(epoch FROM minute) / $5), minute DESC
       ) s ORDER BY evaluated_at`,
      [tenant, slo, from.toISOString(), to.toISOString(), stepSeconds],
    );
    return res.rows.map((r) => ({
      at: r.evaluated_at.toISOString(),
      sli: r.sli,
      errorBudgetRemaining: r.budget_remaining,
      timeToExhaustionSeconds: r.time_to_exhaustion_seconds,
      burnRates: r.burn_rates,
    }));
  }

  /** appendEvents stores alert events in one transaction and returns them with their ids. */
  async appendEvents(events: readonly NewSloAlertEvent[]): Promise<SloAlertEvent[]> {
    if (events.length === 0) return [];
    return withTransaction(this.pool, async (client) => {
      const out: SloAlertEvent[] = [];
      for (const e of events) {
        const res = await client.query<EventRow>(
          `INSERT INTO alerting.slo_alert_events (fingerprint, tenant_id, slo, state, labels, annotations, starts_at,
             ends_at, long_burn_rate, short_burn_rate)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
          [
            e.fingerprint,
            e.labels.tenant,
            e.labels.slo,
            e.state,
            JSON.stringify(e.labels),
            JSON.stringify(e.annotations),
            e.startsAt,
            e.endsAt,
            finiteOrNull(e.longBurnRate),
            finiteOrNull(e.shortBurnRate),
          ],
        );
        out.push(toEvent(res.rows[0]!));
      }
      return out;
    });
  }

  /** events lists alert events newest first. */
  async events(q: AlertEventQuery): Promise<SloAlertEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.tenant !== undefined) where.push(`tenant_id = $${params.push(q.tenant)}`);
    if (q.state !== undefined) where.push(`state = $${params.push(q.state)}`);
    if (q.after !== undefined) where.push(`id > $${params.push(q.after)}`);
    const res = await this.pool.query<EventRow>(
      `SELECT * FROM alerting.slo_alert_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT $${params.push(q.limit)}`,
      params,
    );
    return res.rows.map(toEvent);
  }

  /** firingAlerts returns every alert whose latest event is a firing one, so a restart does not fire them again. */
  async firingAlerts(): Promise<FiringAlert[]> {
    const res = await this.pool.query<EventRow>(
      `SELECT * FROM (SELECT DISTINCT ON (fingerprint) * FROM alerting.slo_alert_events ORDER BY fingerprint, id DESC) l
       WHERE state = 'firing'`,
    );
    return res.rows.map((r) => ({
      fingerprint: r.fingerprint,
      labels: r.labels,
      annotations: r.annotations,
      startsAt: r.starts_at.toISOString(),
      longBurnRate: r.long_burn_rate,
      shortBurnRate: r.short_burn_rate,
    }));
  }

  /**
   * prune deletes snapshots older than the history bound and events older than the event bound, except the
   * firing event of an alert that still fires (its resolution must find it).
   */
  async prune(
    now: Date,
    historyDays: number,
    eventDays: number,
  ): Promise<{ snapshots: number; events: number }> {
    const day = 86_400_000;
    const snaps = await this.pool.query(`DELETE FROM alerting.slo_snapshots WHERE minute < $1`, [
      new Date(now.getTime() - historyDays * day).toISOString(),
    ]);
    const events = await this.pool.query(
      `DELETE FROM alerting.slo_alert_events e WHERE e.created_at < $1
         AND NOT (e.state = 'firing' AND NOT EXISTS (
           SELECT 1 FROM alerting.slo_alert_events n WHERE n.fingerprint = e.fingerprint AND n.id > e.id))`,
      [new Date(now.getTime() - eventDays * day).toISOString()],
    );
    return { snapshots: snaps.rowCount ?? 0, events: events.rowCount ?? 0 };
  }
}

function finiteOrNull(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}

function toEvent(r: EventRow): SloAlertEvent {
  return {
    id: Number(r.id),
    fingerprint: r.fingerprint,
    state: r.state,
    labels: r.labels,
    annotations: r.annotations,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at === null ? null : r.ends_at.toISOString(),
    longBurnRate: r.long_burn_rate,
    shortBurnRate: r.short_burn_rate,
    createdAt: r.created_at.toISOString(),
  };
}
