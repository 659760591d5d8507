import type { MigrationSet } from '@sightline/db';
import { sql } from 'kysely';

/** COLLECTOR_SCHEMA is the Postgres schema the collector owns. */
export const COLLECTOR_SCHEMA = 'collector';

/**
 * collectorMigrations creates the collector's tables. 0002 turns spans and logs into tables partitioned by day
 * (a DEFAULT partition catches rows outside the partitions created ahead) and adds metric points and services.
 * 0003 reshapes stored latency histograms for the 300 ms bound added to LATENCY_BUCKETS_MS.
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
  '0003_latency_bucket_300ms': {
    // The slot positions are spelled out rather than read from LATENCY_BUCKETS_MS: a migration must keep
    // meaning what it meant when it shipped, whatever the constant becomes later.
    //
    // Old rows hold 12 slots (≤5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000 ms, +Inf); new rows
    // hold 13, with 300 ms after 250. An old row only knows that a request took 250 < d ≤ 500 ms, not which
    // side of 300 ms it fell on. All of it goes to the new 300 < d ≤ 500 slot, and the new 250 < d ≤ 300 slot
    // starts at 0. That is the conservative choice for latency SLOs: those requests stay bad events for the
    // enterprise 300 ms SLO, exactly as they were when it was measured at 250 ms, so history never shows less
    // budget spent than before nor hides a burn that happened; at worst it keeps counting as slow a request
    // that in fact met 300 ms. Percentiles of old data can only come out higher, never lower, and the 500 ms
    // and 1 s SLOs count these requests as good either way. Splitting the slot would invent a distribution
    // the data never had. Row totals are unchanged, since every count moves to exactly one slot.
    //
    // Only 12-slot rows are rewritten, so the migration is safe to re-run and leaves rows of any other shape
    // (none are written by the collector) to be looked at rather than guessed at.
    async up(db) {
      await sql`
        UPDATE collector.sli_rollups
        SET latency_buckets = latency_buckets[1:6] || ARRAY[0]::bigint[] || latency_buckets[7:12]
        WHERE cardinality(latency_buckets) = 12`.execute(db);
    },
    // Going back is exact: the old 250 < d ≤ 500 slot is the sum of the two new slots it was split into.
    async down(db) {
      await sql`
        UPDATE collector.sli_rollups
        SET latency_buckets =
          latency_buckets[1:6] || ARRAY[latency_buckets[7] + latency_buckets[8]] || latency_buckets[9:13]
        WHERE cardinality(latency_buckets) = 13`.execute(db);
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
