import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SignalBatch } from '../../otlp/records';
import type { ExportResult, ExportSignal, Exporter } from '../Exporter';
import { EXPORT_SUCCESS, exportFailure } from '../Exporter';
import type { ResourceJson } from './copyLines';
import { logLine, metricLine, spanLine } from './copyLines';
import type { ServicePair } from './ServiceSightings';
import { ServiceSightings } from './ServiceSightings';

const CHUNK_BYTES = 256 * 1024;
// A database outage usually lasts longer than a client's first retry would wait.
const RETRY_AFTER_MS = 5000;

/**
 * PostgresExporter writes spans, logs and metric points with COPY into the day-partitioned tables, and
 * records which services each tenant has, all in one transaction: success means COMMIT happened. A batch that needs
 * one statement only (spans of services already recorded within the last minute, the steady state) is that one
 * COPY, which commits on its own.
 */
export class PostgresExporter implements Exporter {
  readonly name = 'postgres';
  readonly signals: ReadonlySet<ExportSignal> = new Set(['spans', 'logs', 'metrics']);
  private readonly services = new ServiceSightings();

  private constructor(private readonly pool: pg.Pool) {}

  /** fromPool makes an exporter over a pool that the caller owns. */
  static fromPool(pool: pg.Pool): PostgresExporter {
    return new PostgresExporter(pool);
  }

  start(): Promise<ExportResult> {
    return Promise.resolve(EXPORT_SUCCESS);
  }

  async export(batch: SignalBatch): Promise<ExportResult> {
    const tables =
      (batch.spans.length > 0 ? 1 : 0) + (batch.logs.length > 0 ? 1 : 0) + (batch.metrics.length > 0 ? 1 : 0);
    if (tables === 0) return EXPORT_SUCCESS;
    const startedAt = performance.now();
    const sightings = this.services.due(batch, startedAt);
    const transaction = tables + (sightings.length > 0 ? 1 : 0) > 1;
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      return exportFailure(`database unavailable: ${describe(err)}`, true, RETRY_AFTER_MS);
    }
    try {
      if (transaction) await client.query('BEGIN');
      if (batch.spans.length > 0)
        await copyRows(client, `collector.spans (${SPAN_COLUMNS})`, batch.spans, spanLine);
      if (batch.logs.length > 0)
        await copyRows(client, `collector.logs (${LOG_COLUMNS})`, batch.logs, logLine);
      if (batch.metrics.length > 0)
        await copyRows(client, `collector.metric_points (${METRIC_COLUMNS})`, batch.metrics, metricLine);
      const written = sightings.length > 0 ? await upsertServices(client, sightings) : [];
      if (transaction) await client.query('COMMIT');
      this.services.recorded(sightings, written, startedAt);
      return EXPORT_SUCCESS;
    } catch (err) {
      if (transaction) await client.query('ROLLBACK').catch(() => undefined);
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

async function copyRows<T>(
  client: pg.PoolClient,
  target: string,
  records: readonly T[],
  line: (record: T, resources: ResourceJson) => string,
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  await pipeline(Readable.from(chunks(records, line)), stream);
}

/**
 * chunks renders records as COPY text straight into buffers of CHUNK_BYTES, each line encoded once where it lands
 * (no batch-sized string to build, flatten and encode again).
 */
function* chunks<T>(
  records: readonly T[],
  line: (record: T, resources: ResourceJson) => string,
): Generator<Buffer> {
  const resources: ResourceJson = new Map();
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let at = 0;
  for (const record of records) {
    const text = line(record, resources);
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (CHUNK_BYTES - at < text.length * 3) {
      if (at > 0) yield chunk.subarray(0, at);
      chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      at = 0;
      if (text.length * 3 > CHUNK_BYTES) {
        yield Buffer.from(text, 'utf8');
        continue;
      }
    }
    at += chunk.write(text, at, 'utf8');
  }
  if (at > 0) yield chunk.subarray(0, at);
}

/** upsertServices records the pairs' last sighting and returns those it wrote (new, or a minute old and refreshed). */
async function upsertServices(client: pg.PoolClient, pairs: readonly ServicePair[]): Promise<ServicePair[]> {
  // Sorted pairs (see ServiceSightings) make concurrent upserts lock rows in the same order, so they cannot deadlock.
  const { rows } = await client.query<ServicePair>(
    `INSERT INTO collector.services (tenant_id, service, last_seen)
     SELECT t, s, now() FROM unnest($1::text[], $2::text[]) AS u(t, s)
     ON CONFLICT (tenant_id, service) DO UPDATE SET last_seen = EXCLUDED.last_seen
     WHERE services.last_seen < EXCLUDED.last_seen - interval '1 minute'
     RETURNING tenant_id AS "tenantId", service`,
    [pairs.map((p) => p.tenantId), pairs.map((p) => p.service)],
  );
  return rows;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message.slice(0, 200) : 'unknown error';
}
