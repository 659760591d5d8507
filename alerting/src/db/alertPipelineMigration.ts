import type { MigrationSet } from '@sightline/db';
import { sql } from 'kysely';

/**
 * alertPipelineMigration creates the alert pipeline's state: alerts, groups, configuration (routes, escalation
 * policies, channels, users, schedules, silences), the notification outbox, group timelines and the audit log.
 */
export const alertPipelineMigration: MigrationSet = {
  '0002_alert_pipeline': {
    async up(db) {
      const run = (q: ReturnType<typeof sql>) => q.execute(db);
      // Configuration changes bump one version row so every replica reloads its caches within a tick.
      await run(
        sql`CREATE TABLE alerting.config_version (id int PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)`,
      );
      await run(sql`INSERT INTO alerting.config_version VALUES (1, 1)`);
      await run(sql`CREATE TABLE alerting.channels (
        id text PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL,
        config jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
      await run(sql`CREATE TABLE alerting.users (
        id text PRIMARY KEY,
        name text NOT NULL,
        email text,
        channel_ids text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
      await run(sql`CREATE TABLE alerting.schedules (
        id text PRIMARY KEY,
        name text NOT NULL,
        spec jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
      await run(sql`CREATE TABLE alerting.escalation_policies (
        id text PRIMARY KEY,
        name text NOT NULL,
        repeat int NOT NULL DEFAULT 0,
        steps jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
      await run(sql`CREATE TABLE alerting.routes (
        id text PRIMARY KEY,
        parent_id text REFERENCES alerting.routes (id) ON DELETE CASCADE,
        position int NOT NULL DEFAULT 0,
        name text NOT NULL,
        matchers jsonb NOT NULL DEFAULT '[]',
        continue boolean NOT NULL DEFAULT false,
        group_by text[],
        group_wait_seconds double precision,
        group_interval_seconds double precision,
        repeat_interval_seconds double precision,
        policy_id text REFERENCES alerting.escalation_policies (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
      await run(
        sql`CREATE UNIQUE INDEX routes_one_root ON alerting.routes ((parent_id IS NULL)) WHERE parent_id IS NULL`,
      );
      await run(sql`CREATE TABLE alerting.silences (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('silence', 'maintenance')),
        tenant_id text,
        service text,
        matchers jsonb NOT NULL,
        time_window jsonb NOT NULL,
        comment text NOT NULL,
        created_by text NOT NULL,
        reminder_channel_id text,
        last_reminder_at timestamptz,
        expired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
      await run(sql`CREATE TABLE alerting.alerts (
        fingerprint text PRIMARY KEY,
        tenant_id text,
        labels jsonb NOT NULL,
        annotations jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('firing', 'resolved')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz,
        generator_url text,
        source text NOT NULL,
        received_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
      await run(sql`CREATE INDEX alerts_tenant ON alerting.alerts (tenant_id, status)`);
      await run(sql`CREATE INDEX alerts_expiring ON alerting.alerts (ends_at) WHERE status = 'firing'`);
      // The timer pass reads the firing alerts that can inhibit others every tick; this keeps that read small.
      await run(sql`CREATE INDEX alerts_inhibit_sources ON alerting.alerts (fingerprint)
        WHERE status = 'firing' AND (labels->>'severity' = 'page' OR labels ? 'scope')`);
      await run(sql`CREATE TABLE alerting.alert_groups (
        id bigserial PRIMARY KEY,
        group_key text NOT NULL UNIQUE,
        dedup_key text NOT NULL UNIQUE,
        route_id text NOT NULL,
        policy_id text,
        tenant_id text,
        group_labels jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
        incident int NOT NULL DEFAULT 0,
        muted text,
        dirty boolean NOT NULL DEFAULT true,
        group_wait_seconds double precision NOT NULL,
        group_interval_seconds double precision NOT NULL,
        repeat_interval_seconds double precision NOT NULL,
        next_flush_at timestamptz,
        last_flush_at timestamptz,
        last_notified_at timestamptz,
        notified_hash text,
        acknowledged_at timestamptz,
        acknowledged_by text,
        resolved_at timestamptz,
        resolved_by text,
        escalation_step int,
        escalation_pass int,
        next_escalation_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
      await run(
        sql`CREATE INDEX alert_groups_flush ON alerting.alert_groups (next_flush_at) WHERE next_flush_at IS NOT NULL`,
      );
      await run(sql`CREATE INDEX alert_groups_escalation ON alerting.alert_groups (next_escalation_at)
        WHERE next_escalation_at IS NOT NULL`);
      await run(sql`CREATE INDEX alert_groups_tenant ON alerting.alert_groups (tenant_id, state, id)`);
      await run(sql`CREATE TABLE alerting.group_alerts (
        group_id bigint NOT NULL REFERENCES alerting.alert_groups (id) ON DELETE CASCADE,
        fingerprint text NOT NULL REFERENCES alerting.alerts (fingerprint) ON DELETE CASCADE,
        PRIMARY KEY (group_id, fingerprint)
      )`);
      await run(sql`CREATE INDEX group_alerts_fingerprint ON alerting.group_alerts (fingerprint)`);
      await run(sql`CREATE TABLE alerting.group_events (
        id bigserial PRIMARY KEY,
        group_id bigint NOT NULL REFERENCES alerting.alert_groups (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        actor text,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
      await run(sql`CREATE INDEX group_events_group ON alerting.group_events (group_id, id)`);
      // The transactional outbox: rows are written with the state change that causes them, and delivered by
      // any replica's worker (SKIP LOCKED). idem_key makes a second enqueue of the same notification a no-op.
      await run(sql`CREATE TABLE alerting.notifications (
        id bigserial PRIMARY KEY,
        idem_key text NOT NULL UNIQUE,
        group_id bigint REFERENCES alerting.alert_groups (id) ON DELETE CASCADE,
        incident int,
        silence_id text,
        target_key text NOT NULL,
        channel_id text,
        integration text NOT NULL,
        action text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        locked_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz
      )`);
      await run(
        sql`CREATE INDEX notifications_due ON alerting.notifications (next_attempt_at, id) WHERE status = 'pending'`,
      );
      await run(sql`CREATE INDEX notifications_group ON alerting.notifications (group_id, target_key, id)`);
      await run(sql`CREATE TABLE alerting.audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        tenant_id text,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
      await run(sql`CREATE INDEX audit_log_tenant ON alerting.audit_log (tenant_id, id)`);
    },
  },
};
