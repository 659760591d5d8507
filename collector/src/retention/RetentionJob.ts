import { randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Logger } from 'pino';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { PARTITIONED_TABLES } from '../store/PartitionManager';
import type { DayPartition, PartitionManager, PartitionedTable } from '../store/PartitionManager';
import type { Archive } from './Archive';

const DAY_MS = 86_400_000;
const DAY_PARTITION = /^(spans|logs|metric_points)_p\d{8}$/;
const NEWLINE = 0x0a;
const FIRST_RUN_DELAY_MS = 60_000;
// Any constant works as long as every collector replica uses the same one (this one ends in the OTLP port).
const RETENTION_LOCK = 7_004_318;

/** RetentionJobOptions configures a RetentionJob. */
export interface RetentionJobOptions {
  pool: pg.Pool;
  partitions: PartitionManager;
  archive: Archive;
  logger: Logger;
  retentionDays: number;
  daysAhead: number;
  intervalMs: number;
  /** Delay before the first pass; the smaller of intervalMs and one minute when absent. */
  firstRunDelayMs?: number;
}

/**
 * RetentionJob keeps the day partitions in shape: it creates them ahead, and archives every partition older than
 * the retention as gzip NDJSON before dropping it, and the DEFAULT partition's rows older than the retention (late
 * or stray timestamps) one UTC day at a time before deleting exactly those rows. Nothing is dropped or deleted
 * unless the archive's put resolved; whatever fails stays for the next run. One collector replica archives at a
 * time (a Postgres advisory lock).
 */
export class RetentionJob {
  private firstRun: NodeJS.Timeout | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: RetentionJobOptions) {}

  /** start runs the first pass after firstRunDelayMs, then one every intervalMs. */
  start(): void {
    if (this.firstRun || this.timer) return;
    // startCollector already created the partitions it writes to, so the first pass can wait: it stays off the
    // start-up path and does not race the first requests (old-dated rows land in DEFAULT and would be archived).
    const delay = this.options.firstRunDelayMs ?? Math.min(this.options.intervalMs, FIRST_RUN_DELAY_MS);
    this.firstRun = setTimeout(() => {
      this.firstRun = null;
      void this.run();
      this.timer = setInterval(() => void this.run(), this.options.intervalMs);
      this.timer.unref();
    }, delay);
    this.firstRun.unref();
  }

  /** run does one pass (one at a time); it never rejects. */
  run(now = new Date()): Promise<void> {
    this.running ??= this.runOnce(now)
      .catch((err: unknown) => this.options.logger.warn({ err }, 'retention run failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** stop ends the timers and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.firstRun) clearTimeout(this.firstRun);
    if (this.timer) clearInterval(this.timer);
    this.firstRun = null;
    this.timer = null;
    await this.running;
  }

  private async runOnce(now: Date): Promise<void> {
    const { pool, partitions, retentionDays, daysAhead, logger } = this.options;
    await partitions.ensureDays(now, daysAhead);
    const cutoff = Math.floor(now.getTime() / DAY_MS) * DAY_MS - retentionDays * DAY_MS;
    const client = await pool.connect();
    let failed = false;
    let archiving = '';
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
        RETENTION_LOCK,
      ]);
      if (!rows[0]?.locked) {
        logger.debug('another collector is archiving; skipping this run');
        return;
      }
      for (const p of await partitions.list()) {
        if (Date.parse(`${p.day}T00:00:00Z`) + DAY_MS > cutoff) continue;
        archiving = p.name;
        await this.retirePartition(client, p);
      }
      for (const t of PARTITIONED_TABLES) {
        archiving = `${t.table}_default`;
        await this.retireDefaultRows(client, t, cutoff);
      }
      await client.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK]);
    } catch (err) {
      failed = true;
      logger.warn({ err, archiving }, 'archiving failed; the rows are kept for the next run');
    } finally {
      // After a failure the client may be mid-COPY or mid-transaction: discarding it rolls back and unlocks.
      client.release(failed);
    }
  }

  private async retirePartition(client: pg.PoolClient, p: DayPartition): Promise<void> {
    if (!DAY_PARTITION.test(p.name)) throw new Error(`not a day partition: ${p.name}`);
    const key = `${p.table}/${p.day}.ndjson.gz`;
    await client.query('BEGIN');
    // SHARE blocks writers to this partition until COMMIT, so no row lands after the COPY and is dropped unarchived.
    await client.query(`LOCK TABLE collector.${p.name} IN SHARE MODE`);
    const rows = await this.archiveRows(
      client,
      `SELECT row_to_json(t)::text FROM collector.${p.name} t`,
      key,
    );
    await client.query(`DROP TABLE collector.${p.name}`);
    await client.query('COMMIT');
    this.options.logger.info({ partition: p.name, key, rows }, 'partition archived and dropped');
  }

  private async retireDefaultRows(client: pg.PoolClient, t: PartitionedTable, cutoff: number): Promise<void> {
    const table = `collector.${t.table}_default`;
    const { rows: days } = await client.query<{ day: string }>(
      `SELECT DISTINCT to_char(${t.column} AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
       FROM ${table} WHERE ${t.column} < $1 ORDER BY 1`,
      [new Date(cutoff).toISOString()],
    );
    for (const { day } of days) {
      const from = Date.parse(`${day}T00:00:00Z`);
      const range = `${t.column} >= '${new Date(from).toISOString()}' AND ${t.column} < '${new Date(from + DAY_MS).toISOString()}'`;
      // Rows of this day may arrive again later; each pass gets its own object instead of overwriting the last.
      const pass = `${new Date().toISOString().replace(/[:.]/g, '').toLowerCase()}-${randomBytes(4).toString('hex')}`;
      const key = `${t.table}/default/${day}/${pass}.ndjson.gz`;
      // One snapshot for the COPY and the DELETE: exactly the archived rows go, and a row committed meanwhile stays.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      const archived = await this.archiveRows(
        client,
        `SELECT row_to_json(t)::text FROM ${table} t WHERE ${range}`,
        key,
      );
      const deleted = (await client.query(`DELETE FROM ${table} WHERE ${range}`)).rowCount;
      if (deleted !== archived)
        throw new Error(`${table} ${day}: archived ${archived} rows, would delete ${deleted}`);
      await client.query('COMMIT');
      this.options.logger.info(
        { table: `${t.table}_default`, day, key, rows: archived },
        'default rows archived and deleted',
      );
    }
  }

  /** archiveRows streams a SELECT of JSON texts into the archive as gzip NDJSON and counts the rows. */
  private async archiveRows(client: pg.PoolClient, select: string, key: string): Promise<number> {
    // CSV with quote and delimiter characters that JSON text never contains raw, so each line is the JSON itself.
    const copy = client.query(
      copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`),
    );
    // Discarding the client after a failure makes the COPY stream report "Connection terminated" once the
    // pipeline has stopped listening; the pipeline reports every error that matters.
    copy.on('error', () => undefined);
    let rows = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
        for (let i = chunk.indexOf(NEWLINE); i >= 0; i = chunk.indexOf(NEWLINE, i + 1)) rows++;
        done(null, chunk);
      },
    });
    const gzip = createGzip();
    let firstError: { err: unknown } | null = null;
    const noteFailure = (err: unknown): never => {
      firstError ??= { err };
      throw err;
    };
    const produced = pipeline(copy, count, gzip).catch(noteFailure);
    const stored = this.options.archive.put(key, gzip).catch((err: unknown) => {
      // An archive that gave up stops reading; without this the COPY would wait on backpressure forever. No error
      // is passed: the pipeline may be over already, and an 'error' nobody listens to would crash the process.
      gzip.destroy();
      return noteFailure(err);
    });
    await Promise.allSettled([produced, stored]);
    if (firstError !== null) throw (firstError as { err: unknown }).err;
    return rows;
  }
}
