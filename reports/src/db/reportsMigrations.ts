import type { MigrationSet } from '@sightline/db';
import { sql } from 'kysely';

/** REPORTS_SCHEMA is the Postgres schema the reports service owns. */
export const REPORTS_SCHEMA = 'reports';

/** reportsMigrations create the report archive (one row per report and week, with its job state) and recipients. */
export const reportsMigrations: MigrationSet = {
  '0001_reports': {
    async up(db) {
      await sql`CREATE TABLE reports.reports (
        id bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('tenant', 'executive')),
        -- '*' for the executive summary, so one unique key covers both kinds.
        tenant_id text NOT NULL,
        week_label text NOT NULL,
        week_start timestamptz NOT NULL,
        week_end timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress int NOT NULL DEFAULT 0,
        stage text NOT NULL DEFAULT 'queued',
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'on-demand')),
        requested_by text,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        locked_until timestamptz,
        error text,
        data jsonb,
        html text,
        pdf bytea,
        summary text,
        report_status text,
        email_recipients text[] NOT NULL DEFAULT '{}',
        emailed_at timestamptz,
        created_at timestamptz NOT NULL,
        started_at timestamptz,
        finished_at timestamptz,
        UNIQUE (kind, tenant_id, week_label)
      )`.execute(db);
      await sql`CREATE INDEX reports_due ON reports.reports (next_attempt_at, id) WHERE status IN ('queued', 'running')`.execute(
        db,
      );
      await sql`CREATE INDEX reports_tenant ON reports.reports (tenant_id, week_start DESC)`.execute(db);
      await sql`CREATE TABLE reports.recipients (
        tenant_id text NOT NULL,
        email text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, email)
      )`.execute(db);
    },
    async down(db) {
      await sql`DROP TABLE reports.recipients, reports.reports`.execute(db);
    },
  },
};
