import type { LogView, RollupAggregate, SpanView } from '@sightline/contracts';
import { LATENCY_BUCKETS_MS, SAMPLE_RATIO_ATTRIBUTE } from '@sightline/contracts';
import { OUTCOME_KEPT_ATTRIBUTE } from '@sightline/telemetry';
import type pg from 'pg';
import type { RollupDelta } from '../processors/rollups/RollupDelta';

// 2,000 rows of 14 columns stay well under PostgreSQL's 65,535 bind parameters per statement.
const CHUNK_ROWS = 2000;
const MAX_TRACE_ROWS = 10_000;
const ISO_US = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const ISO_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
// Summing each histogram slot by index reads every row once; unnesting would multiply the rows by the slot count.
const LATENCY_SUMS = `ARRAY[${Array.from(
  { length: LATENCY_BUCKETS_MS.length + 1 },
  (_, i) => `coalesce(sum(r.latency_buckets[${i + 1}]), 0)`,
).join(', ')}]::text[]`;

/** TraceRows are the stored spans and logs of one trace, each in time order. */
export interface TraceRows {
  spans: SpanView[];
  logs: LogView[];
}

/** LogCursor is the position after which the next page of a log search starts (newest first). */
export interface LogCursor {
  time: string;
  id: string;
}

/** LogQuery is a validated, tenant-scoped log search. */
export interface LogQuery {
  tenantId: string;
  from: Date;
  to: Date;
  service?: string;
  minSeverity?: number;
  traceId?: string;
  text?: string;
  after?: LogCursor;
  limit: number;
}

/** LogPage is one page of log search results, newest first. */
export interface LogPage {
  logs: LogView[];
  next: LogCursor | null;
}

/** RollupSums are one tenant's rollup counts summed over a window or a step. */
export interface RollupSums {
  requests: number;
  errors: number;
  rateLimited: number;
  /** Counts per LATENCY_BUCKETS_MS bound, plus a final +Inf slot. */
  latencyBuckets: number[];
}

/** RollupSeriesPoint is the sums of one step that has data, `t` being the step's start. */
export interface RollupSeriesPoint extends RollupSums {
  t: string;
}

interface RollupSumsRow {
  requests: string;
  errors: string;
  rate_limited: string;
  latency: string[];
}

function toSums(row: RollupSumsRow): RollupSums {
  return {
    requests: Number(row.requests),
    errors: Number(row.errors),
    rateLimited: Number(row.rate_limited),
    latencyBuckets: row.latency.map(Number),
  };
}

/** FailingRoute is one gateway route (method and path with ids as `:id`) with its requests and errors in a range. */
export interface FailingRoute {
  route: string;
  requests: number;
  errors: number;
  errorPercent: number;
}

// A path segment that is all digits, a UUID or 16+ hex digits is an id; the lookahead leaves the next segment's
// slash to match, so consecutive ids are all replaced in one pass.
const ID_SEGMENT = String.raw`(^|/)([0-9]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{16,})(?=/|$)`;
const SERVER_KIND = 2;
const STATUS_ERROR = 2;

/** CollectorStore reads the collector schema and upserts SLI rollups; spans, logs and metrics are written by PostgresExporter. */
export class CollectorStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** fromPool makes a store over a pool that the caller owns. */
  static fromPool(pool: pg.Pool): CollectorStore {
    return new CollectorStore(pool);
  }

  /** addRollups adds each delta to its (tenant, bucket) row, element-wise for the latency histogram. */
  async addRollups(deltas: readonly RollupDelta[]): Promise<void> {
    for (let i = 0; i < deltas.length; i += CHUNK_ROWS) {
      const chunk = deltas.slice(i, i + CHUNK_ROWS);
      const params: unknown[] = [];
      const values = chunk.map((d) => {
        params.push(
          d.tenantId,
          new Date(d.bucketStartMs).toISOString(),
          d.requests,
          d.errors,
          d.rateLimited,
          d.latencyBuckets,
        );
        const n = params.length;
        return `($${n - 5}, $${n - 4}::timestamptz, $${n - 3}::bigint, $${n - 2}::bigint, $${n - 1}::bigint, $${n}::bigint[])`;
      });
      await this.pool.query(
        `INSERT INTO collector.sli_rollups AS r (tenant_id, bucket_start, requests, errors, rate_limited, latency_buckets)
         VALUES ${values.join(', ')}
         ON CONFLICT (tenant_id, bucket_start) DO UPDATE SET
           requests = r.requests + EXCLUDED.requests,
           errors = r.errors + EXCLUDED.errors,
           rate_limited = r.rate_limited + EXCLUDED.rate_limited,
           latency_buckets = (
             SELECT array_agg(coalesce(a, 0) + coalesce(b, 0) ORDER BY i)
             FROM unnest(r.latency_buckets, EXCLUDED.latency_buckets) WITH ORDINALITY AS u(a, b, i)
           )`,
        params,
      );
    }
  }

  /** rollupAggregate sums one tenant's buckets that start at or after `from`; zeroes when there are none. */
  async rollupAggregate(tenantId: string, from: Date, to: Date): Promise<RollupAggregate> {
    const totals = await this.pool.query<{ requests: string; errors: string; rate_limited: string }>(
      `SELECT coalesce(sum(requests), 0)::text AS requests, coalesce(sum(errors), 0)::text AS errors,
              coalesce(sum(rate_limited), 0)::text AS rate_limited
       FROM collector.sli_rollups WHERE tenant_id = $1 AND bucket_start >= $2`,
      [tenantId, from.toISOString()],
    );
    const hist = await this.pool.query<{ i: number; n: string }>(
      `SELECT u.i::int AS i, sum(u.v)::text AS n
       FROM collector.sli_rollups r, unnest(r.latency_buckets) WITH ORDINALITY AS u(v, i)
       WHERE r.tenant_id = $1 AND r.bucket_start >= $2 GROUP BY u.i`,
      [tenantId, from.toISOString()],
    );
    const latencyBuckets = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
    for (const row of hist.rows)
      if (row.i >= 1 && row.i <= latencyBuckets.length) latencyBuckets[row.i - 1] = Number(row.n);
    const t = totals.rows[0]!;
    return {
      tenantId,
      from: from.toISOString(),
      to: to.toISOString(),
      requests: Number(t.requests),
      errors: Number(t.errors),
      rateLimited: Number(t.rate_limited),
      latencyBuckets,
    };
  }

  /**
   * rollupWindows sums one tenant's buckets for every window in one statement, so all windows share the instant
   * `to`: a window covers the buckets starting in [to − window, to]; a window without data sums to zeroes.
   */
  async rollupWindows(
    tenantId: string,
    windows: readonly { name: string; seconds: number }[],
    to: Date,
  ): Promise<Record<string, RollupSums>> {
    const { rows } = await this.pool.query<RollupSumsRow & { name: string }>(
      `SELECT w.name, coalesce(sum(r.requests), 0)::text AS requests, coalesce(sum(r.errors), 0)::text AS errors,
              coalesce(sum(r.rate_limited), 0)::text AS rate_limited, ${LATENCY_SUMS} AS latency
       FROM unnest($2::text[], $3::int[]) AS w(name, seconds)
       LEFT JOIN collector.sli_rollups r
         ON r.tenant_id = $1
        AND r.bucket_start >= $4::timestamptz - make_interval(secs => w.seconds)
        AND r.bucket_start <= $4::timestamptz
       GROUP BY w.name`,
      [tenantId, windows.map((w) => w.name), windows.map((w) => w.seconds), to.toISOString()],
    );
    const byName = new Map(rows.map((row) => [row.name, toSums(row)]));
    return Object.fromEntries(windows.map((w) => [w.name, byName.get(w.name)!]));
  }

  /**
   * rollupSeries sums one tenant's buckets starting in [from, to) per epoch-aligned step, oldest first; steps
   * without data are left out (the caller fills gaps).
   */
  async rollupSeries(
    tenantId: string,
    from: Date,
    to: Date,
    stepSeconds: number,
  ): Promise<RollupSeriesPoint[]> {
    const { rows } = await this.pool.query<RollupSumsRow & { t: string }>(
      `SELECT to_char(s.step_start AT TIME ZONE 'UTC', ${ISO_MS}) AS t, s.requests, s.errors, s.rate_limited, s.latency
       FROM (
         SELECT to_timestamp(floor(extract(epoch FROM r.bucket_start) / $4::int) * $4::int) AS step_start,
                sum(r.requests)::text AS requests, sum(r.errors)::text AS errors,
                sum(r.rate_limited)::text AS rate_limited, ${LATENCY_SUMS} AS latency
         FROM collector.sli_rollups r
         WHERE r.tenant_id = $1 AND r.bucket_start >= $2::timestamptz AND r.bucket_start < $3::timestamptz
         GROUP BY 1
       ) s
       ORDER BY s.step_start`,
      [tenantId, from.toISOString(), to.toISOString(), stepSeconds],
    );
    return rows.map((row) => ({ t: row.t, ...toSums(row) }));
  }

  /** traceRows returns a trace's spans by start time and the logs that carry its id by time, optionally for one tenant. */
  async traceRows(traceId: string, tenantId?: string): Promise<TraceRows> {
    const params = tenantId === undefined ? [traceId] : [traceId, tenantId];
    const tenantFilter = tenantId === undefined ? '' : 'AND tenant_id = $2';
    const spans = await this.pool.query<SpanView>(
      `SELECT trace_id AS "traceId", span_id AS "spanId", parent_span_id AS "parentSpanId", tenant_id AS "tenantId",
              service, name, kind, to_char(start_time AT TIME ZONE 'UTC', ${ISO_US}) AS "startTime",
              to_char(end_time AT TIME ZONE 'UTC', ${ISO_US}) AS "endTime", duration_ms AS "durationMs",
              status_code AS "statusCode", status_message AS "statusMessage", attributes
       FROM collector.spans WHERE trace_id = $1 ${tenantFilter}
       ORDER BY start_time, span_id LIMIT ${MAX_TRACE_ROWS}`,
      params,
    );
    const logs = await this.pool.query<LogView>(
      `SELECT id::text AS id, to_char(time AT TIME ZONE 'UTC', ${ISO_US}) AS time, tenant_id AS "tenantId", service,
              severity_text AS "severityText", severity_number AS "severityNumber", body, trace_id AS "traceId",
              span_id AS "spanId", attributes
       FROM collector.logs WHERE trace_id = $1 ${tenantFilter}
       ORDER BY time, id LIMIT ${MAX_TRACE_ROWS}`,
      params,
    );
    return { spans: spans.rows, logs: logs.rows };
  }

  /** searchLogs runs a validated LogQuery (parameterised only) and returns one page plus the cursor of the next. */
  async searchLogs(query: LogQuery): Promise<LogPage> {
    const params: unknown[] = [query.tenantId, query.from.toISOString(), query.to.toISOString()];
    const where = ['tenant_id = $1', 'time >= $2', 'time < $3'];
    const add = (clause: (n: number) => string, value: unknown): void => {
      params.push(value);
      where.push(clause(params.length));
    };
    if (query.service !== undefined) add((n) => `service = $${n}`, query.service);
    if (query.minSeverity !== undefined) add((n) => `severity_number >= $${n}`, query.minSeverity);
    if (query.traceId !== undefined) add((n) => `trace_id = $${n}`, query.traceId);
    if (query.text !== undefined) add((n) => `body_tsv @@ websearch_to_tsquery('simple', $${n})`, query.text);
    if (query.after !== undefined) {
      params.push(query.after.time, query.after.id);
      where.push(`(time, id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
    }
    params.push(query.limit + 1);
    const { rows } = await this.pool.query<LogView & { cursorTime: string }>(
      `SELECT id::text AS id, to_char(time AT TIME ZONE 'UTC', ${ISO_US}) AS time, tenant_id AS "tenantId", service,
              severity_text AS "severityText", severity_number AS "severityNumber", body, trace_id AS "traceId",
              span_id AS "spanId", attributes
       FROM collector.logs WHERE ${where.join(' AND ')}
       ORDER BY time DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      logs: page,
      next: rows.length > query.limit && last ? { time: last.time, id: last.id } : null,
    };
  }

  /** listServices returns the services a tenant has sent signals from, by name, with when each was last seen. */
  async listServices(tenantId: string): Promise<{ service: string; lastSeen: string }[]> {
    const { rows } = await this.pool.query<{ service: string; lastSeen: string }>(
      `SELECT service, to_char(last_seen AT TIME ZONE 'UTC', ${ISO_US}) AS "lastSeen"
       FROM collector.services WHERE tenant_id = $1 ORDER BY service LIMIT 10000`,
      [tenantId],
    );
    return rows;
  }

  /**
   * topFailingRoutes groups a tenant's gateway SERVER spans starting in [from, to) by method and id-free path in the
   * database, counts as errors those with status ERROR or an HTTP status of 500 or more, and returns the routes that
   * failed, most errors first (then most requests). A span of a head-sampled trace counts as 1 / its ratio (the
   * resource's `sightline.trace.sample_ratio`), so the counts estimate requests, not sampled spans; a span marked
   * `sightline.trace.kept` (its failure, 429 or slowness kept every such trace) counts once.
   */
  async topFailingRoutes(tenantId: string, from: Date, to: Date, limit: number): Promise<FailingRoute[]> {
    const { rows } = await this.pool.query<{ route: string; requests: string; errors: string }>(
      `SELECT route, round(sum(w))::text AS requests, round(coalesce(sum(w) FILTER (WHERE failed), 0))::text AS errors
       FROM (
         SELECT CASE WHEN attributes ? '${OUTCOME_KEPT_ATTRIBUTE}' THEN 1
                     WHEN resource->>'${SAMPLE_RATIO_ATTRIBUTE}' ~ '^(0?\\.[0-9]*[1-9][0-9]*|1(\\.0*)?)$'
                     THEN 1 / (resource->>'${SAMPLE_RATIO_ATTRIBUTE}')::float8 ELSE 1 END AS w,
                coalesce(attributes->>'http.request.method', '_OTHER') || ' ' ||
                  left(regexp_replace(coalesce(attributes->>'url.path', ''), $5, '\\1:id', 'g'), 512) AS route,
                status_code = ${STATUS_ERROR} OR coalesce(
                  CASE WHEN attributes->>'http.response.status_code' ~ '^[0-9]{1,4}$'
                       THEN (attributes->>'http.response.status_code')::int END >= 500, false) AS failed
         FROM collector.spans
         WHERE tenant_id = $1 AND start_time >= $2 AND start_time < $3
           AND service = 'gateway' AND kind = ${SERVER_KIND}
       ) s
       GROUP BY route
       HAVING count(*) FILTER (WHERE failed) > 0
       ORDER BY sum(w) FILTER (WHERE failed) DESC, sum(w) DESC, route
       LIMIT $4`,
      [tenantId, from.toISOString(), to.toISOString(), limit, ID_SEGMENT],
    );
    return rows.map((r) => {
      const requests = Number(r.requests);
      const errors = Number(r.errors);
      return { route: r.route, requests, errors, errorPercent: (100 * errors) / requests };
    });
  }

  /** ping resolves true when PostgreSQL answers. */
  async ping(): Promise<boolean> {
    await this.pool.query('SELECT 1');
    return true;
  }
}
