import type { MigrationSet } from '@sightline/db';
import { sql } from 'kysely';

/** COLLECTOR_SCHEMA is the Postgres schema the collector owns. */
export const COLLECTOR_SCHEMA = 'collector';

/**
 * collectorMigrations creates the collector's tables. 0002 turns spans and logs into tables partitioned by day
 * (a DEFAULT partition catches rows outside the partitions created ahead) and adds metric points and services.
 */
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
  '0002_partitioned_signals': {
    async up(db) {
      for (const stmt of PARTITION_STATEMENTS) await sql.raw(stmt).execute(db);
    },
    async down(db) {
      await sql`DROP TABLE collector.metric_points, collector.services`.execute(db);
    },
  },
};

const SPAN_COLUMNS = `trace_id, span_id, parent_span_id, tenant_id, service, name, kind, start_time, end_time,
  duration_ms, status_code, status_message, attributes, resource`;
const LOG_COLUMNS = `id, time, observed_time, tenant_id, service, severity_number, severity_text, body, trace_id,
  span_id, attributes, resource`;

const PARTITION_STATEMENTS = [
  `ALTER TABLE collector.spans RENAME TO spans_0001`,
  `DROP INDEX collector.spans_trace_id_idx, collector.spans_tenant_start_idx`,
  `CREATE TABLE collector.spans (
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
   ) PARTITION BY RANGE (start_time)`,
  `CREATE TABLE collector.spans_default PARTITION OF collector.spans DEFAULT`,
  `CREATE INDEX spans_trace_id_idx ON collector.spans (trace_id)`,
  `CREATE INDEX spans_tenant_start_idx ON collector.spans (tenant_id, start_time)`,
  `INSERT INTO collector.spans (${SPAN_COLUMNS}) SELECT ${SPAN_COLUMNS} FROM collector.spans_0001`,
  `DROP TABLE collector.spans_0001`,
  `ALTER TABLE collector.logs RENAME TO logs_0001`,
  // The bigserial's sequence outlives the old table and keeps numbering the partitioned one.
  `ALTER SEQUENCE collector.logs_id_seq OWNED BY NONE`,
  `ALTER TABLE collector.logs_0001 ALTER COLUMN id DROP DEFAULT`,
  `DROP INDEX collector.logs_trace_id_idx, collector.logs_tenant_time_idx`,
  `CREATE TABLE collector.logs (
     id bigint NOT NULL DEFAULT nextval('collector.logs_id_seq'),
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
     resource jsonb NOT NULL,
     body_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
   ) PARTITION BY RANGE (time)`,
  `CREATE TABLE collector.logs_default PARTITION OF collector.logs DEFAULT`,
  `CREATE INDEX logs_trace_id_idx ON collector.logs (trace_id)`,
  `CREATE INDEX logs_tenant_time_idx ON collector.logs (tenant_id, time, id)`,
  `CREATE INDEX logs_body_tsv_idx ON collector.logs USING gin (body_tsv)`,
  `INSERT INTO collector.logs (${LOG_COLUMNS}) SELECT ${LOG_COLUMNS} FROM collector.logs_0001`,
  `DROP TABLE collector.logs_0001`,
  `CREATE TABLE collector.metric_points (
     time timestamptz NOT NULL,
     start_time timestamptz NULL,
     tenant_id text NOT NULL,
     service text NOT NULL,
     name text NOT NULL,
     unit text NOT NULL,
     kind text NOT NULL,
     value double precision NULL,
     count bigint NULL,
     sum double precision NULL,
     bucket_counts bigint[] NULL,
     explicit_bounds double precision[] NULL,
     temporality smallint NULL,
     monotonic boolean NULL,
     attributes jsonb NOT NULL,
     resource jsonb NOT NULL
   ) PARTITION BY RANGE (time)`,
  `CREATE TABLE collector.metric_points_default PARTITION OF collector.metric_points DEFAULT`,
  `CREATE INDEX metric_points_tenant_name_time_idx ON collector.metric_points (tenant_id, name, time)`,
  `CREATE TABLE collector.services (
     tenant_id text NOT NULL,
     service text NOT NULL,
     last_seen timestamptz NOT NULL,
     PRIMARY KEY (tenant_id, service)
   )`,
];
