import type pg from 'pg';
import type { LabelMatcher } from '../dispatch/matchers/LabelMatcher';
import { RoutingTree } from '../dispatch/RoutingTree';
import type { RouteRow } from '../dispatch/RoutingTree';
import type { EscalationPolicyValue } from '../escalation/EscalationPolicySpec';
import type { ChannelConfig } from '../notify/ChannelConfig';
import type { ScheduleSpec } from '../oncall/ScheduleSpec';
import { effectiveMatchers } from '../silence/Silencer';
import type { TimeWindow } from '../silence/time/TimeWindow';
import type { EngineConfig, StoredSilence } from './EngineConfig';

type Queryable = Pick<pg.Pool, 'query'>;

/**
 * ConfigCache keeps the pipeline's configuration in memory and reloads it when the version row moves, which every
 * configuration change bumps in the same transaction; replicas therefore agree within one check interval.
 *
 * A replica reads its own writes: after invalidate(), current() never answers with a load that started before the
 * change (the outbox and the timers load every 100 ms, so one is often in flight when an API call lands; answering
 * from it routed the next alert by the old tree).
 */
export class ConfigCache {
  private cached: EngineConfig | null = null;
  private checkedAt = 0;
  /** generation counts invalidate() calls; a load is good enough only for the generation it started in. */
  private generation = 0;
  private loading: { generation: number; config: Promise<EngineConfig> } | null = null;

  /** constructor takes the pool and how long a checked version stays trusted. */
  constructor(
    private readonly db: Queryable,
    private readonly checkEveryMs = 250,
  ) {}

  /** current returns the configuration, reloading it if another change landed since the last check. */
  async current(): Promise<EngineConfig> {
    if (this.cached && Date.now() - this.checkedAt < this.checkEveryMs) return this.cached;
    const wanted = this.generation;
    for (;;) {
      if (!this.loading) {
        const load = { generation: this.generation, config: this.refresh(this.generation) };
        this.loading = load;
        void load.config.then(
          () => this.loading === load && (this.loading = null),
          () => this.loading === load && (this.loading = null),
        );
      }
      const load = this.loading;
      const config = await load.config;
      if (load.generation >= wanted) return config;
    }
  }

  /** invalidate forces the next call to load the configuration afresh (after this replica changed something). */
  invalidate(): void {
    this.generation++;
    this.checkedAt = 0;
  }

  private async refresh(generation: number): Promise<EngineConfig> {
    const { rows } = await this.db.query<{ version: string }>(
      'SELECT version FROM alerting.config_version WHERE id = 1',
    );
    const version = Number(rows[0]?.version ?? 0);
    const config =
      this.cached && this.cached.version === version ? this.cached : await loadEngineConfig(this.db, version);
    // A load that started before an invalidate() may have read the old version: it is not trusted for the interval.
    if (generation === this.generation) {
      this.cached = config;
      this.checkedAt = Date.now();
    } else if (!this.cached || this.cached.version < version) this.cached = config;
    return config;
  }
}

/** loadEngineConfig reads every configuration table at once. */
export async function loadEngineConfig(db: Queryable, version: number): Promise<EngineConfig> {
  const [routes, policies, channels, users, schedules, silences] = await Promise.all([
    db.query(`SELECT * FROM alerting.routes`),
    db.query(`SELECT * FROM alerting.escalation_policies`),
    db.query(`SELECT * FROM alerting.channels`),
    db.query(`SELECT * FROM alerting.users`),
    db.query(`SELECT * FROM alerting.schedules`),
    db.query(
      `SELECT * FROM alerting.silences WHERE expired_at IS NULL OR expired_at > now() - interval '1 day'`,
    ),
  ]);
  const routeRows: RouteRow[] = routes.rows.map((r: Record<string, unknown>) => ({
    id: r.id as string,
    parentId: r.parent_id as string | null,
    position: r.position as number,
    name: r.name as string,
    matchers: r.matchers as LabelMatcher[],
    continue: r.continue as boolean,
    groupBy: r.group_by as string[] | null,
    groupWaitSeconds: r.group_wait_seconds as number | null,
    groupIntervalSeconds: r.group_interval_seconds as number | null,
    repeatIntervalSeconds: r.repeat_interval_seconds as number | null,
    policyId: r.policy_id as string | null,
  }));
  return {
    version,
    tree: RoutingTree.fromRows(routeRows),
    policies: new Map(
      policies.rows.map((r: Record<string, unknown>) => [
        r.id as string,
        {
          id: r.id as string,
          name: r.name as string,
          repeat: r.repeat as number,
          steps: r.steps as EscalationPolicyValue['steps'],
        },
      ]),
    ),
    channels: new Map(
      channels.rows.map((r: Record<string, unknown>) => [
        r.id as string,
        {
          id: r.id as string,
          name: r.name as string,
          config: r.config as ChannelConfig,
          updatedAt: r.updated_at as Date,
        },
      ]),
    ),
    users: new Map(
      users.rows.map((r: Record<string, unknown>) => [
        r.id as string,
        {
          id: r.id as string,
          name: r.name as string,
          email: r.email as string | null,
          channelIds: r.channel_ids as string[],
        },
      ]),
    ),
    schedules: new Map(
      schedules.rows.map((r: Record<string, unknown>) => [
        r.id as string,
        { id: r.id as string, name: r.name as string, spec: r.spec as ScheduleSpec },
      ]),
    ),
    silences: silences.rows.map((r: Record<string, unknown>): StoredSilence => {
      const matchers = r.matchers as LabelMatcher[];
      return {
        id: r.id as string,
        kind: r.kind as 'silence' | 'maintenance',
        tenantId: r.tenant_id as string | null,
        matchers: effectiveMatchers({
          matchers,
          tenant: r.tenant_id as string | null,
          service: r.service as string | null,
        }),
        window: r.time_window as TimeWindow,
        comment: r.comment as string,
        createdBy: r.created_by as string,
        createdAt: r.created_at as Date,
        reminderChannelId: r.reminder_channel_id as string | null,
        lastReminderAt: r.last_reminder_at as Date | null,
        expiredAt: r.expired_at as Date | null,
      };
    }),
  };
}
