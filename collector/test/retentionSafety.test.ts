import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import pino from 'pino';
import type { Archive } from '../src/retention/Archive';
import { LocalDirectoryArchive } from '../src/retention/LocalDirectoryArchive';
import { RetentionJob } from '../src/retention/RetentionJob';
import { PartitionManager, partitionName } from '../src/store/PartitionManager';
import type { TestCollector } from './collectorHarness';
import { jsonSpan, postOtlp, startTestCollector, traceRequest } from './collectorHarness';

const DAY = 86_400_000;
const TODAY = Math.floor(Date.now() / DAY) * DAY;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** GatedArchive reads each body whole, then holds the put whose key matches until opened; it notes every key. */
class GatedArchive implements Archive {
  readonly keys: string[] = [];
  readonly entered: Promise<void>;
  private enter!: () => void;
  private gate: Promise<void>;
  private release!: () => void;

  constructor(
    private readonly inner: Archive,
    private readonly holds: (key: string) => boolean,
  ) {
    this.entered = new Promise((resolve) => (this.enter = resolve));
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  /** open lets the held put (and every later one) through. */
  open(): void {
    this.release();
  }

  async put(key: string, body: Readable): Promise<void> {
    this.keys.push(key);
    // Reading to the end means the COPY ran: its snapshot is taken and any lock it needed is held.
    const chunks: Buffer[] = [];
    for await (const c of body) chunks.push(c as Buffer);
    if (this.holds(key)) {
      this.enter();
      await this.gate;
    }
    await this.inner.put(key, Readable.from([Buffer.concat(chunks)]));
  }
}

let c: TestCollector;
let pool: pg.Pool;
let dir: string;
beforeAll(async () => {
  c = await startTestCollector({ RETENTION_DAYS: 2 });
  // Only the jobs of these tests run: the collector's own timer is stopped and its start-up pass is over.
  await c.handle.retention.stop();
  pool = new pg.Pool({ connectionString: c.db.url, max: 6 });
  // An idle client the server drops must not crash the test file; the next query simply reconnects.
  pool.on('error', () => undefined);
});
afterAll(async () => {
  await pool.end();
  await c.close();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sl-retention-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function job(archive: Archive): RetentionJob {
  return new RetentionJob({
    pool,
    partitions: new PartitionManager(pool),
    archive,
    logger: pino({ level: 'silent' }),
    retentionDays: 2,
    daysAhead: 1,
    intervalMs: 3_600_000,
  });
}

async function insertSpan(spanId: string, startMs: number): Promise<void> {
  await pool.query(
    `INSERT INTO collector.spans (trace_id, span_id, tenant_id, service, name, kind, start_time, end_time,
       duration_ms, status_code, attributes, resource)
     VALUES ($1, $2, 'acme', 'svc', 'GET /', 2, $3, $3, 0, 0, '{}', '{}')`,
    ['f'.repeat(32), spanId, new Date(startMs).toISOString()],
  );
}

async function spanIds(table: string): Promise<string[]> {
  const { rows } = await pool.query<{ span_id: string }>(`SELECT span_id FROM collector.${table} ORDER BY 1`);
  return rows.map((r) => r.span_id);
}

/** archivedIds reads every archive under `<dir>/<folder>` (recursively) and returns the span ids, sorted. */
function archivedIds(folder: string): string[] {
  const root = path.join(dir, folder);
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.ndjson.gz'),
  );
  return files
    .flatMap((f) =>
      gunzipSync(readFileSync(path.join(root, f)))
        .toString('utf8')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => (JSON.parse(l) as { span_id: string }).span_id),
    )
    .sort();
}

describe('retention of rows in the DEFAULT partition', () => {
  it('archives default-partition rows older than the retention one UTC day per object, deletes exactly them, and keeps the rest', async () => {
    const old1 = TODAY - 30 * DAY;
    const old2 = TODAY - 31 * DAY;
    const future = TODAY + 100 * DAY;
    // One of them arrives the way real late data does: through the receiver.
    const late = jsonSpan({
      traceId: 'a'.repeat(32),
      spanId: '1'.repeat(16),
      startMs: old1 + 3_600_000,
      durationMs: 5,
    });
    const res = await postOtlp(c.base, 'traces', JSON.stringify(traceRequest('svc', [late])), {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(200);
    await insertSpan('2'.repeat(16), old1 + 7_200_000);
    await insertSpan('3'.repeat(16), old2);
    await insertSpan('4'.repeat(16), future);
    expect(await spanIds('spans_default')).toEqual(['1', '2', '3', '4'].map((d) => d.repeat(16)));

    await job(new LocalDirectoryArchive(dir)).run(new Date());

    expect(await spanIds('spans_default')).toEqual(['4'.repeat(16)]);
    expect(readdirSync(path.join(dir, 'spans', 'default')).sort()).toEqual([dayOf(old2), dayOf(old1)]);
    expect(archivedIds(`spans/default/${dayOf(old1)}`)).toEqual(['1'.repeat(16), '2'.repeat(16)]);
    expect(archivedIds(`spans/default/${dayOf(old2)}`)).toEqual(['3'.repeat(16)]);

    // A row of an archived day arriving later goes into a new object; the first one stays as it was.
    await insertSpan('5'.repeat(16), old1);
    await job(new LocalDirectoryArchive(dir)).run(new Date());
    expect(readdirSync(path.join(dir, 'spans', 'default', dayOf(old1)))).toHaveLength(2);
    expect(archivedIds(`spans/default/${dayOf(old1)}`)).toEqual(['1', '2', '5'].map((d) => d.repeat(16)));
    expect(await spanIds('spans_default')).toEqual(['4'.repeat(16)]);
    await pool.query(`DELETE FROM collector.spans_default`);
  });

  it('leaves a row that is committed while its day is being archived for the next run, so it is archived exactly once', async () => {
    const old = TODAY - 20 * DAY;
    await insertSpan('6'.repeat(16), old);
    const gated = new GatedArchive(new LocalDirectoryArchive(dir), (k) => k.startsWith('spans/default/'));
    const run = job(gated).run(new Date());
    await gated.entered;
    await insertSpan('7'.repeat(16), old + 1000);
    gated.open();
    await run;

    expect(archivedIds(`spans/default/${dayOf(old)}`)).toEqual(['6'.repeat(16)]);
    expect(await spanIds('spans_default')).toEqual(['7'.repeat(16)]);
    await job(new LocalDirectoryArchive(dir)).run(new Date());
    expect(archivedIds(`spans/default/${dayOf(old)}`)).toEqual(['6'.repeat(16), '7'.repeat(16)]);
    expect(await spanIds('spans_default')).toEqual([]);
  });
  it('waits firstRunDelayMs after start before its first pass', async () => {
    const old = TODAY - 25 * DAY;
    await insertSpan('a'.repeat(16), old);
    const started = new RetentionJob({
      pool,
      partitions: new PartitionManager(pool),
      archive: new LocalDirectoryArchive(dir),
      logger: pino({ level: 'silent' }),
      retentionDays: 2,
      daysAhead: 1,
      intervalMs: 3_600_000,
      firstRunDelayMs: 300,
    });
    const t0 = Date.now();
    started.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await spanIds('spans_default')).toEqual(['a'.repeat(16)]);
      await waitUntil(async () => (await spanIds('spans_default')).length === 0);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
      expect(archivedIds(`spans/default/${dayOf(old)}`)).toEqual(['a'.repeat(16)]);
    } finally {
      await started.stop();
    }
  });
});

describe('retention of day partitions', () => {
  it('loses no row written into an expiring partition while it is being archived', async () => {
    const later = new Date(Date.now() + 3 * DAY);
    const partition = partitionName('spans', new Date(TODAY));
    await insertSpan('8'.repeat(16), TODAY + 1000);
    const gated = new GatedArchive(
      new LocalDirectoryArchive(dir),
      (k) => k === `spans/${dayOf(TODAY)}.ndjson.gz`,
    );
    const run = job(gated).run(later);
    await gated.entered;
    // Without a lock this row would commit now and the DROP would lose it; with one, the writer waits.
    let settled = false;
    const writer = insertSpan('9'.repeat(16), TODAY + 2000).then(
      () => true,
      () => false,
    );
    void writer.finally(() => (settled = true));
    await waitUntil(async () => settled || (await lockWaiters()) > 0);
    gated.open();
    await run;
    const committed = await writer;

    const exists =
      (await pool.query(`SELECT to_regclass($1) AS t`, [`collector.${partition}`])).rows[0].t !== null;
    const expected = committed ? ['8'.repeat(16), '9'.repeat(16)] : ['8'.repeat(16)];
    // Every committed row is either still in the table, or in the archive of a dropped partition.
    if (exists) expect(await spanIds(partition)).toEqual(expected);
    else
      expect(archivedIds('spans').filter((id) => id.startsWith('8') || id.startsWith('9'))).toEqual(expected);

    await job(new LocalDirectoryArchive(dir)).run(later);
    expect(
      (await pool.query(`SELECT to_regclass($1) AS t`, [`collector.${partition}`])).rows[0].t,
    ).toBeNull();
    const archive = gunzipSync(readFileSync(path.join(dir, 'spans', `${dayOf(TODAY)}.ndjson.gz`)))
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { span_id: string }).span_id)
      .sort();
    expect(archive).toEqual(expected);
  });

  it('lets one collector archive at a time, so two replicas never archive the same partition twice', async () => {
    const later = new Date(Date.now() + 4 * DAY);
    const first = new GatedArchive(new LocalDirectoryArchive(dir), () => true);
    const second = new GatedArchive(new LocalDirectoryArchive(dir), () => false);
    const running = job(first).run(later);
    await first.entered;
    await job(second).run(later);
    expect(second.keys).toEqual([]);
    first.open();
    await running;
    expect(first.keys.length).toBeGreaterThan(0);
    expect(new Set(first.keys).size).toBe(first.keys.length);
  });
  it('keeps every row and a working connection pool when the archive gives up, before reading or half-way', async () => {
    const later = new Date(Date.now() + 5 * DAY);
    const day = TODAY + 2 * DAY;
    const partition = partitionName('spans', new Date(day));
    await pool.query(
      `INSERT INTO collector.spans (trace_id, span_id, tenant_id, service, name, kind, start_time, end_time,
         duration_ms, status_code, attributes, resource)
       SELECT md5(i::text), left(md5(i::text), 16), 'acme', 'svc', repeat('n', 300), 2, $1, $1, 0, 0, '{}', '{}'
       FROM generate_series(1, 30000) i`,
      [new Date(day).toISOString()],
    );
    const refusing = (failing: string, readFirst: boolean): Archive => ({
      async put(key, body) {
        if (key !== failing) return new LocalDirectoryArchive(dir).put(key, body);
        if (readFirst) for await (const chunk of body) if ((chunk as Buffer).length > 0) break;
        // Refusing late lets a small COPY end first, as a slow store would.
        if (!readFirst) await new Promise((resolve) => setTimeout(resolve, 200));
        throw new Error(`the store refused ${key}`);
      },
    });

    // The logs partition of that day is empty: its COPY is over well before the archive refuses it.
    await job(refusing(`logs/${dayOf(day)}.ndjson.gz`, false)).run(later);
    await job(refusing(`spans/${dayOf(day)}.ndjson.gz`, true)).run(later);
    expect(Number((await pool.query(`SELECT count(*) AS n FROM collector.${partition}`)).rows[0].n)).toBe(
      30_000,
    );

    await job(new LocalDirectoryArchive(dir)).run(later);
    expect(
      (await pool.query(`SELECT to_regclass($1) AS t`, [`collector.${partition}`])).rows[0].t,
    ).toBeNull();
    const lines = gunzipSync(readFileSync(path.join(dir, 'spans', `${dayOf(day)}.ndjson.gz`)))
      .toString('utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(30_000);
  });
});

/** lockWaiters counts the sessions of the test database that wait on a lock. */
async function lockWaiters(): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return Number(rows[0]!.n);
}

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}
