import type { MigrationSet } from '@sightline/db';
import { sql } from 'kysely';
import { alertPipelineMigration } from './alertPipelineMigration';

/** ALERTING_SCHEMA is the Postgres schema the alerting service owns. */
export const ALERTING_SCHEMA = 'alerting';

/** alertingMigrations create the alerting schema's tables: the SLO engine's, then the alert pipeline's. */
export const alertingMigrations: MigrationSet = {
  '0001_slo_engine': {
    async up(db) {
      // One row per tenant × SLO × minute: enough to draw the budget down over a 30-day period.
      await sql`CREATE TABLE alerting.slo_snapshots (
        tenant_id text NOT NULL,
        slo text NOT NULL,
        minute timestamptz NOT NULL,
        evaluated_at timestamptz NOT NULL,
        objective double precision NOT NULL,
        sli double precision,
        budget_remaining double precision,
        time_to_exhaustion_seconds double precision,
        burn_rates jsonb NOT NULL,
        PRIMARY KEY (tenant_id, slo, minute)
      )`.execute(db);
      await sql`CREATE INDEX slo_snapshots_minute ON alerting.slo_snapshots (minute)`.execute(db);
      await sql`CREATE TABLE alerting.slo_alert_events (
        id bigserial PRIMARY KEY,
        fingerprint text NOT NULL,
        tenant_id text NOT NULL,
        slo text NOT NULL,
        state text NOT NULL CHECK (state IN ('firing', 'resolved')),
        labels jsonb NOT NULL,
        annotations jsonb NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz,
        long_burn_rate double precision,
        short_burn_rate double precision,
        created_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
      await sql`CREATE INDEX slo_alert_events_tenant ON alerting.slo_alert_events (tenant_id, id)`.execute(
        db,
      );
      await sql`CREATE INDEX slo_alert_events_fingerprint ON alerting.slo_alert_events (fingerprint, id)`.execute(
        db,
      );
      await sql`CREATE INDEX slo_alert_events_created ON alerting.slo_alert_events (created_at)`.execute(db);
    },
  },
  ...alertPipelineMigration,
  '0003_outbox_claimer': {
    async up(db) {
      // The liveness id of the outbox worker that claimed a row (WorkerLiveness); NULL when unclaimed.
      await sql`ALTER TABLE alerting.notifications ADD COLUMN claimed_by integer`.execute(db);
    },
  },
};
