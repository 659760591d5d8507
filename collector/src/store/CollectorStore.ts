import type { LogView, RollupAggregate, SpanView } from '@sightline/contracts';
import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import type pg from 'pg';
import type { LogRecord, SpanRecord } from '../otlp/records';
import type { RollupDelta } from '../processors/RollupDelta';

// 2,000 rows of 14 columns stay well under PostgreSQL's 65,535 bind parameters per statement.
const CHUNK_ROWS = 2000;
const MAX_TRACE_ROWS = 10_000;
const ISO_US = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** TraceRows are the stored spans and logs of one trace, each in time order. */
export interface TraceRows {
  spans: SpanView[];
  logs: LogView[];
}

/** CollectorStore reads and writes the collector schema: spans, logs and SLI rollups. */
export class CollectorStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** fromPool makes a store over a pool that the caller owns. */
  static fromPool(pool: pg.Pool): CollectorStore {
    return new CollectorStore(pool);
  }

  /** insertSignals writes one request's spans and logs in one transaction; it resolves only after COMMIT. */
  async insertSignals(spans: readonly SpanRecord[], logs: readonly LogRecord[]): Promise<void> {
    if (spans.length === 0 && logs.length === 0) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (let i = 0; i < spans.length; i += CHUNK_ROWS)
        await insertSpans(client, spans.slice(i, i + CHUNK_ROWS));
      for (let i = 0; i < logs.length; i += CHUNK_ROWS)
        await insertLogs(client, logs.slice(i, i + CHUNK_ROWS));
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
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

  /** ping resolves true when PostgreSQL answers. */
  async ping(): Promise<boolean> {
    await this.pool.query('SELECT 1');
    return true;
  }
}

async function insertSpans(client: pg.PoolClient, spans: readonly SpanRecord[]): Promise<void> {
  const params: unknown[] = [];
  const values = spans.map((s) => {
    const base = params.length;
    params.push(
      s.traceId,
      s.spanId,
      s.parentSpanId,
      s.tenantId,
      s.service,
      s.name,
      s.kind,
      s.startTime,
      s.endTime,
      s.durationMs,
      s.statusCode,
      s.statusMessage,
      JSON.stringify(s.attributes),
      JSON.stringify(s.resource),
    );
    return `(${placeholders(base, 14)})`;
  });
  await client.query(
    `INSERT INTO collector.spans (trace_id, span_id, parent_span_id, tenant_id, service, name, kind, start_time, end_time,
       duration_ms, status_code, status_message, attributes, resource) VALUES ${values.join(', ')}`,
    params,
  );
}

async function insertLogs(client: pg.PoolClient, logs: readonly LogRecord[]): Promise<void> {
  const params: unknown[] = [];
  const values = logs.map((l) => {
    const base = params.length;
    params.push(
      l.time,
      l.observedTime,
      l.tenantId,
      l.service,
      l.severityNumber,
      l.severityText,
      l.body,
      l.traceId,
      l.spanId,
      JSON.stringify(l.attributes),
      JSON.stringify(l.resource),
    );
    return `(${placeholders(base, 11)})`;
  });
  await client.query(
    `INSERT INTO collector.logs (time, observed_time, tenant_id, service, severity_number, severity_text, body, trace_id,
       span_id, attributes, resource) VALUES ${values.join(', ')}`,
    params,
  );
}

function placeholders(base: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `$${base + i + 1}`).join(', ');
}
