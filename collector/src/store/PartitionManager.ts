import type pg from 'pg';

/** PartitionedTable is a day-partitioned table of the collector schema and the column it is partitioned by. */
export interface PartitionedTable {
  table: 'spans' | 'logs' | 'metric_points';
  column: string;
  /** Columns to copy when rows move out of the DEFAULT partition (generated columns excluded). */
  columns: string;
}

/** PARTITIONED_TABLES are the collector's day-partitioned tables. */
export const PARTITIONED_TABLES: readonly PartitionedTable[] = [
  {
    table: 'spans',
    column: 'start_time',
    columns: `trace_id, span_id, parent_span_id, tenant_id, service, name, kind, start_time, end_time, duration_ms,
      status_code, status_message, attributes, resource`,
  },
  {
    table: 'logs',
    column: 'time',
    columns: `id, time, observed_time, tenant_id, service, severity_number, severity_text, body, trace_id, span_id,
      attributes, resource`,
  },
  {
    table: 'metric_points',
    column: 'time',
    columns: `time, start_time, tenant_id, service, name, unit, kind, value, count, sum, bucket_counts,
      explicit_bounds, temporality, monotonic, attributes, resource`,
  },
];

/** DayPartition is one existing day partition. */
export interface DayPartition {
  table: PartitionedTable['table'];
  name: string;
  /** The day it holds, as YYYY-MM-DD (UTC). */
  day: string;
}

const DAY_MS = 86_400_000;
const PARTITION_NAME = /^(spans|logs|metric_points)_p(\d{4})(\d{2})(\d{2})$/;

/** PartitionManager creates day partitions ahead of time and lists or drops existing ones. */
export class PartitionManager {
  constructor(private readonly pool: pg.Pool) {}

  /** ensureDays creates the partitions for yesterday through `daysAhead` days from now, where missing. */
  async ensureDays(now: Date, daysAhead: number): Promise<number> {
    const existing = new Set((await this.list()).map((p) => p.name));
    const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
    let created = 0;
    for (let d = -1; d <= daysAhead; d++) {
      const from = new Date(today + d * DAY_MS);
      for (const t of PARTITIONED_TABLES) {
        const name = partitionName(t.table, from);
        if (existing.has(name)) continue;
        await this.create(t, name, from, new Date(from.getTime() + DAY_MS));
        created++;
      }
    }
    return created;
  }

  /** list returns every day partition of the partitioned tables. */
  async list(): Promise<DayPartition[]> {
    const { rows } = await this.pool.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
       JOIN pg_namespace n ON n.oid = p.relnamespace
       WHERE n.nspname = 'collector' AND p.relname IN ('spans', 'logs', 'metric_points')`,
    );
    const out: DayPartition[] = [];
    for (const { name } of rows) {
      const m = PARTITION_NAME.exec(name);
      if (m) out.push({ table: m[1] as DayPartition['table'], name, day: `${m[2]}-${m[3]}-${m[4]}` });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** drop removes one day partition (its name comes from list(), never from a request). */
  async drop(partition: DayPartition): Promise<void> {
    if (!PARTITION_NAME.test(partition.name)) throw new Error(`not a day partition: ${partition.name}`);
    await this.pool.query(`DROP TABLE IF EXISTS collector.${partition.name}`);
  }

  private async create(t: PartitionedTable, name: string, from: Date, to: Date): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Rows of that day may already sit in the DEFAULT partition; they must move, or the CREATE fails.
      await client.query(`LOCK TABLE collector.${t.table}_default IN ACCESS EXCLUSIVE MODE`);
      await client.query(
        `CREATE TEMP TABLE moving ON COMMIT DROP AS
         SELECT ${t.columns} FROM collector.${t.table}_default WHERE ${t.column} >= $1 AND ${t.column} < $2`,
        [from.toISOString(), to.toISOString()],
      );
      await client.query(
        `DELETE FROM collector.${t.table}_default WHERE ${t.column} >= $1 AND ${t.column} < $2`,
        [from.toISOString(), to.toISOString()],
      );
      await client.query(
        `CREATE TABLE IF NOT EXISTS collector.${name} PARTITION OF collector.${t.table}
         FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`,
      );
      await client.query(`INSERT INTO collector.${t.table} (${t.columns}) SELECT ${t.columns} FROM moving`);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}

/** partitionName is `<table>_pYYYYMMDD` for the UTC day of `day`. */
export function partitionName(table: string, day: Date): string {
  return `${table}_p${day.toISOString().slice(0, 10).replaceAll('-', '')}`;
}
