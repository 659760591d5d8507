import { LATENCY_BUCKETS_MS, latencyBucketIndex } from '@sightline/contracts';
import type { MigrationSet } from '@sightline/db';
import { createDb, migrateToLatest } from '@sightline/db';
import type { TestDatabase } from '@sightline/testing';
import { createTestDatabase } from '@sightline/testing';
import type { Kysely } from 'kysely';
import { Migrator } from 'kysely';
import pg from 'pg';
import { CollectorStore } from '../src/store/CollectorStore';
import { COLLECTOR_SCHEMA, collectorMigrations } from '../src/store/collectorMigrations';

const MIGRATION = '0003_latency_bucket_300ms';
const BUCKET_START = '2026-03-01T12:00:00.000Z';
// The histogram the collector stored before 300 ms was a bound: ≤5, 10, 25, 50, 100, 250, 500, 1000, 2500,
// 5000, 10000 ms, then +Inf.
const OLD_BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
const NEW_SLOTS = LATENCY_BUCKETS_MS.length + 1;
const slotOf = (boundMs: number): number => LATENCY_BUCKETS_MS.indexOf(boundMs as never);
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

const migrationsBefore = (name: string): MigrationSet =>
  Object.fromEntries(Object.entries(collectorMigrations).filter(([n]) => n < name));

interface StoredRow {
  tenant_id: string;
  requests: string;
  errors: string;
  rate_limited: string;
  latency_buckets: string[];
}

let database: TestDatabase;
let pool: pg.Pool;
let db: Kysely<unknown>;

beforeAll(async () => {
  database = await createTestDatabase('sl_collector_migration');
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  db = createDb(pool);
  // The schema as a collector without the 300 ms bound left it, with the runner the collector starts with.
  await migrateToLatest(db, COLLECTOR_SCHEMA, migrationsBefore(MIGRATION));
  await insertOld('acme', 1000, 9, 20, [100, 200, 300, 150, 90, 60, 40, 30, 15, 10, 4, 1]);
  await insertOld('globex', 40, 0, 0, [0, 0, 0, 0, 0, 0, 40, 0, 0, 0, 0, 0]);
  await insertOld('initech', 0, 0, 0, new Array<number>(OLD_BOUNDS_MS.length + 1).fill(0));
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

async function insertOld(
  tenant: string,
  requests: number,
  errors: number,
  rateLimited: number,
  latency: number[],
): Promise<void> {
  expect(latency).toHaveLength(OLD_BOUNDS_MS.length + 1);
  await pool.query(
    `INSERT INTO collector.sli_rollups (tenant_id, bucket_start, requests, errors, rate_limited, latency_buckets)
     VALUES ($1, $2, $3, $4, $5, $6::bigint[])`,
    [tenant, BUCKET_START, requests, errors, rateLimited, latency],
  );
}

async function storedRows(): Promise<Map<string, StoredRow>> {
  const { rows } = await pool.query<StoredRow>(
    `SELECT tenant_id, requests::text, errors::text, rate_limited::text, latency_buckets::text[]
     FROM collector.sli_rollups ORDER BY tenant_id`,
  );
  return new Map(rows.map((r) => [r.tenant_id, r]));
}

const latencyOf = (row: StoredRow | undefined): number[] => row!.latency_buckets.map(Number);

describe('the 300 ms latency bound migration', () => {
  let before: Map<string, StoredRow>;
  let applied: string[];

  beforeAll(async () => {
    before = await storedRows();
    const result = await migrateToLatest(db, COLLECTOR_SCHEMA, collectorMigrations);
    applied = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  });

  it('runs as the only pending collector migration on a database the old collector left', () => {
    expect(applied).toEqual([MIGRATION]);
  });

  it('gives every stored rollup row one slot per LATENCY_BUCKETS_MS bound plus +Inf', async () => {
    for (const row of (await storedRows()).values()) expect(row.latency_buckets).toHaveLength(NEW_SLOTS);
  });

  it('moves the old 250–500 ms counts to the new 300–500 ms slot and starts the 250–300 ms slot at zero', async () => {
    const acme = latencyOf((await storedRows()).get('acme'));
    expect(acme[slotOf(250)]).toBe(60);
    expect(acme[slotOf(300)]).toBe(0);
    expect(acme[slotOf(500)]).toBe(40);
    expect(acme).toEqual([100, 200, 300, 150, 90, 60, 0, 40, 30, 15, 10, 4, 1]);
    expect(latencyOf((await storedRows()).get('globex'))[slotOf(500)]).toBe(40);
  });

  it('keeps every bound the old histogram had at the same count, and every row total unchanged', async () => {
    const after = await storedRows();
    for (const [tenant, old] of before) {
      const oldLatency = latencyOf(old);
      const newLatency = latencyOf(after.get(tenant));
      OLD_BOUNDS_MS.forEach((bound, i) =>
        expect([tenant, bound, newLatency[slotOf(bound)]]).toEqual([tenant, bound, oldLatency[i]]),
      );
      expect(newLatency[LATENCY_BUCKETS_MS.length]).toBe(oldLatency[OLD_BOUNDS_MS.length]);
      expect(sum(newLatency)).toBe(sum(oldLatency));
      const { requests, errors, rate_limited } = after.get(tenant)!;
      expect({ requests, errors, rate_limited }).toEqual({
        requests: old.requests,
        errors: old.errors,
        rate_limited: old.rate_limited,
      });
    }
  });

  it('counts old requests between 250 and 500 ms as slower than 300 ms, as the 250 ms bucket did before', async () => {
    const acme = latencyOf((await storedRows()).get('acme'));
    const atOrUnder = (boundMs: number): number => sum(acme.slice(0, slotOf(boundMs) + 1));
    expect(atOrUnder(300)).toBe(atOrUnder(250));
    expect(atOrUnder(300)).toBe(900);
    expect(sum(acme) - atOrUnder(300)).toBe(100);
  });

  it('lets the store add new 13-slot deltas to migrated rows and read them back under the right bounds', async () => {
    const store = CollectorStore.fromPool(pool);
    const latencyBuckets = new Array<number>(NEW_SLOTS).fill(0);
    latencyBuckets[latencyBucketIndex(280)] = 3;
    latencyBuckets[latencyBucketIndex(320)] = 2;
    await store.addRollups([
      {
        tenantId: 'globex',
        bucketStartMs: Date.parse(BUCKET_START),
        requests: 5,
        errors: 0,
        rateLimited: 0,
        latencyBuckets,
      },
    ]);
    const agg = await store.rollupAggregate('globex', new Date(BUCKET_START), new Date());
    expect(agg.requests).toBe(45);
    expect(agg.latencyBuckets).toHaveLength(NEW_SLOTS);
    expect(agg.latencyBuckets[slotOf(300)]).toBe(3);
    expect(agg.latencyBuckets[slotOf(500)]).toBe(42);
    expect(sum(agg.latencyBuckets)).toBe(45);
  });

  it('leaves rows already in the new shape alone when run again', async () => {
    const now = await storedRows();
    await collectorMigrations[MIGRATION]!.up(db);
    expect(await storedRows()).toEqual(now);
  });

  it('migrates down to the old 12-slot rows by merging the 250–300 and 300–500 ms slots', async () => {
    const provider = { getMigrations: () => Promise.resolve(collectorMigrations) };
    const migrator = new Migrator({ db, provider, migrationTableSchema: COLLECTOR_SCHEMA });
    const down = await migrator.migrateDown();
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.migrationName)).toEqual([MIGRATION]);
    const rows = await storedRows();
    expect(latencyOf(rows.get('acme'))).toEqual([100, 200, 300, 150, 90, 60, 40, 30, 15, 10, 4, 1]);
    // globex gained 3 requests at 280 ms and 2 at 320 ms since; both were 250–500 ms to the old histogram.
    expect(latencyOf(rows.get('globex'))).toEqual([0, 0, 0, 0, 0, 0, 45, 0, 0, 0, 0, 0]);
  });
});

describe('the 300 ms bound in new rollups', () => {
  it('counts a 280 ms request under the 300 ms bound and a 320 ms one under 500 ms', () => {
    expect(latencyBucketIndex(250)).toBe(slotOf(250));
    expect(latencyBucketIndex(280)).toBe(slotOf(300));
    expect(latencyBucketIndex(300)).toBe(slotOf(300));
    expect(latencyBucketIndex(320)).toBe(slotOf(500));
  });
});
