/**
 * ConfigCache against a real database: a replica reads its own configuration writes, even when a load that
 * started before the write is still in flight (the outbox and the timers load every 100 ms, so one often is).
 */
import { createDb, createPool, migrateToLatest } from '@sightline/db';
import { createTestDatabase } from '@sightline/testing';
import type { TestDatabase } from '@sightline/testing';
import type pg from 'pg';
import { alertingMigrations, ALERTING_SCHEMA } from '../src/db/alertingMigrations';
import { ConfigCache } from '../src/engine/ConfigCache';
import { seedDefaults } from '../src/engine/seedDefaults';

let db: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase('sl_alert_cfgcache');
  pool = createPool({ connectionString: db.url, applicationName: 'config-cache-test' });
  await migrateToLatest(createDb(pool), ALERTING_SCHEMA, alertingMigrations);
  await seedDefaults(pool, { pagerDutyUrl: 'http://127.0.0.1:9/v2/enqueue' });
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

/** setRootGroupWait changes the root route the way the API does: the change and the version bump in one transaction. */
async function setRootGroupWait(seconds: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`UPDATE alerting.routes SET group_wait_seconds = $1 WHERE id = 'root'`, [seconds]);
    await client.query('UPDATE alerting.config_version SET version = version + 1 WHERE id = 1');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

/**
 * gatedPool answers the version query only when the gate opens, so a test can hold a load in flight across a
 * change; the query itself runs at once, as a load that started just before the change would.
 */
function gatedPool(): { db: Pick<pg.Pool, 'query'>; close(): void; open(): void } {
  let release: () => void = () => undefined;
  let gate: Promise<void> | null = null;
  return {
    db: {
      query: (async (text: string, values?: unknown[]) => {
        const result = await pool.query(text, values);
        if (gate && text.includes('config_version')) await gate;
        return result;
      }) as pg.Pool['query'],
    },
    close() {
      gate = new Promise((r) => (release = r));
    },
    open() {
      gate = null;
      release();
    },
  };
}

const rootWait = async (cache: ConfigCache) =>
  (await cache.current()).tree.match({ alertname: 'X', tenant: 't' })[0]!.groupWaitSeconds;

describe('ConfigCache', () => {
  it('answers a call after invalidate() with the change, not with a load that began before it', async () => {
    await setRootGroupWait(30);
    const gated = gatedPool();
    const cache = new ConfigCache(gated.db, 60_000);
    expect(await rootWait(cache)).toBe(30);

    gated.close();
    cache.invalidate();
    const before = cache.current(); // a timer's load: it reads the version now, before the change
    await new Promise((r) => setTimeout(r, 50));
    await setRootGroupWait(0); // an API call changes the route ...
    cache.invalidate(); // ... and invalidates, as configRoutes does
    const after = rootWait(cache); // the next alert is routed
    gated.open();

    expect(await after).toBe(0);
    expect((await before).version).toBeLessThan((await cache.current()).version);
    // And the newer configuration stays: the stale load does not overwrite it.
    expect(await rootWait(cache)).toBe(0);
  });

  it('sees another replica’s change within one check interval, and not before it asks again', async () => {
    await setRootGroupWait(30);
    const cache = new ConfigCache(pool, 200);
    expect(await rootWait(cache)).toBe(30);
    await setRootGroupWait(5);
    expect(await rootWait(cache)).toBe(30); // trusted for the interval: no query per alert
    await new Promise((r) => setTimeout(r, 250));
    expect(await rootWait(cache)).toBe(5);
  });

  it('shares one load between callers that arrive together', async () => {
    const counting = { n: 0 };
    const db: Pick<pg.Pool, 'query'> = {
      query: ((text: string, values?: unknown[]) => {
        if (text.includes('config_version')) counting.n++;
        return pool.query(text, values);
      }) as pg.Pool['query'],
    };
    const cache = new ConfigCache(db, 60_000);
    const configs = await Promise.all(Array.from({ length: 20 }, () => cache.current()));
    expect(counting.n).toBe(1);
    expect(new Set(configs).size).toBe(1);
  });
});
