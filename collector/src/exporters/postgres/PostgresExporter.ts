import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { LogRecord, MetricPointRecord, SignalBatch, SpanRecord } from '../../otlp/records';
import type { ExportResult, ExportSignal, Exporter } from '../Exporter';
import { EXPORT_SUCCESS, exportFailure } from '../Exporter';
import type { CopyValue } from './copyText';
import { copyText } from './copyText';

const CHUNK_BYTES = 256 * 1024;
// A database outage usually lasts longer than a client's first retry would wait.
const RETRY_AFTER_MS = 5000;

/**
 * PostgresExporter writes spans, logs and metric points with COPY into the day-partitioned tables, and
 * records which services each tenant has, all in one transaction: success means COMMIT happened.
 */
export class PostgresExporter implements Exporter {
  readonly name = 'postgres';
  readonly signals: ReadonlySet<ExportSignal> = new Set(['spans', 'logs', 'metrics']);

  private constructor(private readonly pool: pg.Pool) {}

  /** fromPool makes an exporter over a pool that the caller owns. */
  static fromPool(pool: pg.Pool): PostgresExporter {
    return new PostgresExporter(pool);
  }

  start(): Promise<ExportResult> {
    return Promise.resolve(EXPORT_SUCCESS);
  }

  async export(batch: SignalBatch): Promise<ExportResult> {
    if (batch.spans.length + batch.logs.length + batch.metrics.length === 0) return EXPORT_SUCCESS;
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      return exportFailure(`database unavailable: ${describe(err)}`, true, RETRY_AFTER_MS);
    }
    try {
      await client.query('BEGIN');
      if (batch.spans.length > 0)
        await copyRows(client, `collector.spans (${SPAN_COLUMNS})`, batch.spans.map(spanRow));
      if (batch.logs.length > 0)
        await copyRows(client, `collector.logs (${LOG_COLUMNS})`, batch.logs.map(logRow));
      if (batch.metrics.length > 0)
        await copyRows(client, `collector.metric_points (${METRIC_COLUMNS})`, batch.metrics.map(metricRow));
      await upsertServices(client, batch);
      await client.query('COMMIT');
      return EXPORT_SUCCESS;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      return exportFailure(`database write failed: ${describe(err)}`, true, RETRY_AFTER_MS);
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

const SPAN_COLUMNS = `trace_id, span_id, parent_span_id, tenant_id, service, name, kind, start_time, end_time,
  duration_ms, status_code, status_message, attributes, resource`;
const LOG_COLUMNS = `time, observed_time, tenant_id, service, severity_number, severity_text, body, trace_id,
  span_id, attributes, resource`;
const METRIC_COLUMNS = `time, start_time, tenant_id, service, name, unit, kind, value, count, sum, bucket_counts,
  explicit_bounds, temporality, monotonic, attributes, resource`;

function spanRow(s: SpanRecord): CopyValue[] {
  return [
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
  ];
}

function logRow(l: LogRecord): CopyValue[] {
  return [
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
  ];
}

function metricRow(m: MetricPointRecord): CopyValue[] {
  return [
    m.time,
    m.startTime,
    m.tenantId,
    m.service,
    m.name,
    m.unit,
    m.kind,
    m.value,
    m.count,
    m.sum,
    m.bucketCounts,
    m.explicitBounds,
    m.temporality,
    m.monotonic,
    JSON.stringify(m.attributes),
    JSON.stringify(m.resource),
  ];
}

async function copyRows(client: pg.PoolClient, target: string, rows: CopyValue[][]): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  await pipeline(Readable.from(chunks(rows)), stream);
}

function* chunks(rows: CopyValue[][]): Generator<string> {
  let buf = '';
  for (const row of rows) {
    buf += copyText(row);
    if (buf.length >= CHUNK_BYTES) {
      yield buf;
      buf = '';
    }
  }
  if (buf.length > 0) yield buf;
}

async function upsertServices(client: pg.PoolClient, batch: SignalBatch): Promise<void> {
  const seen = new Map<string, [string, string]>();
  for (const r of [...batch.spans, ...batch.logs, ...batch.metrics])
    seen.set(`${r.tenantId}\u0000${r.service}`, [r.tenantId, r.service]);
  const pairs = [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
  // Sorted keys make concurrent upserts lock rows in the same order, so they cannot deadlock.
  await client.query(
    `INSERT INTO collector.services (tenant_id, service, last_seen)
     SELECT t, s, now() FROM unnest($1::text[], $2::text[]) AS u(t, s)
     ON CONFLICT (tenant_id, service) DO UPDATE SET last_seen = EXCLUDED.last_seen
     WHERE services.last_seen < EXCLUDED.last_seen - interval '1 minute'`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message.slice(0, 200) : 'unknown error';
}
