import type { MigrationSet } from '@sightline/db';
import { sql } from 'kysely';

/** COLLECTOR_SCHEMA is the Postgres schema the collector owns. */
export const COLLECTOR_SCHEMA = 'collector';

/** collectorMigrations creates the spans, logs and sli_rollups tables. */
export const collectorMigrations: MigrationSet = {
  '0001_init': {
    async up(db) {
      await sql`
        CREATE TABLE collector.spans (
          trace_id text NOT NULL,
          span_id text NOT NULL,
          parent_span_id text NULL,
          tenant_id text NOT NULL,
          service text NOT NULL,
          name text NOT NULL,
          kind smallint NOT NULL,
          start_time timestamptz NOT NULL,
          end_time timestamptz NOT NULL,
          duration_ms double precision NOT NULL,
          status_code smallint NOT NULL,
          status_message text NULL,
          attributes jsonb NOT NULL,
          resource jsonb NOT NULL
        )`.execute(db);
      await sql`CREATE INDEX spans_trace_id_idx ON collector.spans (trace_id)`.execute(db);
      await sql`CREATE INDEX spans_tenant_start_idx ON collector.spans (tenant_id, start_time)`.execute(db);
      await sql`
        CREATE TABLE collector.logs (
          id bigserial PRIMARY KEY,
          time timestamptz NOT NULL,
          observed_time timestamptz NOT NULL,
          tenant_id text NOT NULL,
          service text NOT NULL,
          severity_number smallint NOT NULL,
          severity_text text NULL,
          body text NOT NULL,
          trace_id text NULL,
          span_id text NULL,
          attributes jsonb NOT NULL,
          resource jsonb NOT NULL
        )`.execute(db);
      await sql`CREATE INDEX logs_trace_id_idx ON collector.logs (trace_id)`.execute(db);
      await sql`CREATE INDEX logs_tenant_time_idx ON collector.logs (tenant_id, time)`.execute(db);
      await sql`
        CREATE TABLE collector.sli_rollups (
          tenant_id text NOT NULL,
          bucket_start timestamptz NOT NULL,
          requests bigint NOT NULL,
          errors bigint NOT NULL,
          rate_limited bigint NOT NULL,
          latency_buckets bigint[] NOT NULL,
          PRIMARY KEY (tenant_id, bucket_start)
        )`.execute(db);
    },
    async down(db) {
      await sql`DROP TABLE collector.sli_rollups, collector.logs, collector.spans`.execute(db);
    },
  },
};
