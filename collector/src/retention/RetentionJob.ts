import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Logger } from 'pino';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DayPartition, PartitionManager } from '../store/PartitionManager';
import type { Archive } from './Archive';

const DAY_MS = 86_400_000;

/** RetentionJobOptions configures a RetentionJob. */
export interface RetentionJobOptions {
  pool: pg.Pool;
  partitions: PartitionManager;
  archive: Archive;
  logger: Logger;
  retentionDays: number;
  daysAhead: number;
  intervalMs: number;
}

/**
 * RetentionJob keeps the day partitions in shape: it creates them ahead, and archives every partition older than
 * the retention as gzip NDJSON before dropping it. A partition whose archive fails is kept for the next run.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: RetentionJobOptions) {}

  /** start runs the job now and then every intervalMs. */
  start(): void {
    void this.run();
    this.timer ??= setInterval(() => void this.run(), this.options.intervalMs);
    this.timer.unref();
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

  /** stop ends the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async runOnce(now: Date): Promise<void> {
    const { partitions, retentionDays, daysAhead, logger } = this.options;
    await partitions.ensureDays(now, daysAhead);
    const cutoff = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - retentionDays * DAY_MS);
    for (const p of await partitions.list()) {
      if (new Date(`${p.day}T00:00:00Z`).getTime() + DAY_MS > cutoff.getTime()) continue;
      await this.archive(p);
      await partitions.drop(p);
      logger.info({ partition: p.name }, 'partition archived and dropped');
    }
  }

  private async archive(p: DayPartition): Promise<void> {
    const client = await this.options.pool.connect();
    try {
      // CSV with quote and delimiter characters that JSON text never contains raw, so each line is the JSON itself.
      const stream = client.query(
        copyTo(
          `COPY (SELECT row_to_json(t)::text FROM collector.${p.name} t) TO STDOUT
           WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`,
        ),
      );
      const gzip = createGzip();
      await Promise.all([
        pipeline(stream, gzip),
        this.options.archive.put(`${p.table}/${p.day}.ndjson.gz`, gzip),
      ]);
    } finally {
      client.release();
    }
  }
}
