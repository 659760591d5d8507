import { createDb, createPool, migrateToLatest } from '@sightline/db';
import { createTestDatabase, waitFor } from '@sightline/testing';
import type { TestDatabase } from '@sightline/testing';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import pino from 'pino';
import { alertingMigrations } from '../../src/db/alertingMigrations';
import { claimNotifications, markDelivered } from '../../src/notify/Outbox';
import { WorkerLiveness } from '../../src/notify/WorkerLiveness';

const LEASE_MS = 60_000;
const logger = pino({ level: 'silent' });

let database: TestDatabase;
let pool: pg.Pool;
let db: Kysely<unknown>;
const open: WorkerLiveness[] = [];

beforeAll(async () => {
  database = await createTestDatabase('sl_alert_live');
  pool = createPool({ connectionString: database.url, applicationName: 'outbox-liveness-test' });
  db = createDb<unknown>(pool);
  await migrateToLatest(db, 'alerting', alertingMigrations);
});

afterAll(async () => {
  for (const l of open) await l.close();
  await db?.destroy();
  await database?.drop();
});

beforeEach(async () => {
  await pool.query(`DELETE FROM alerting.notifications`);
  // Due a second ago: the claims below pass the test's own clock (a JS Date, whole milliseconds), which within the
  // same millisecond as the insert reads earlier than the database's now() (microseconds) and finds nothing due.
  await pool.query(
    `INSERT INTO alerting.notifications
       (idem_key, target_key, integration, action, payload, status, next_attempt_at, created_at)
     VALUES ('page-1', 'pagerduty:primary', 'pagerduty', 'trigger', '{"notification":{},"adhoc":null}', 'pending',
             now() - interval '1 second', now() - interval '1 second')`,
  );
});

const worker = () => {
  const liveness = new WorkerLiveness(database.url, logger);
  open.push(liveness);
  return liveness;
};

// Simulates a crash: the server ends the worker's session, as it does when the process dies and its socket closes.
async function killSession(id: number): Promise<void> {
  const { rows } = await pool.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 AND objid = $1::int::oid AND granted`,
    [id],
  );
  expect(rows).toHaveLength(1);
  await pool.query(`SELECT pg_terminate_backend($1)`, [rows[0]!.pid]);
}

describe('outbox claims and worker liveness', () => {
  it('keeps a live worker’s claim from every other worker until its lease ends', async () => {
    const a = worker();
    const b = worker();
    const idA = (await a.id())!;
    const idB = (await b.id())!;
    expect(idA).not.toBe(idB);
    expect(await claimNotifications(pool, 10, LEASE_MS, new Date(), idA)).toHaveLength(1);
    expect(await claimNotifications(pool, 10, LEASE_MS, new Date(), idB)).toHaveLength(0);
    // Past the lease, even a live worker's row is taken (it is partitioned, or stuck): at-least-once.
    const later = new Date(Date.now() + LEASE_MS + 1_000);
    const [row] = await claimNotifications(pool, 10, LEASE_MS, later, idB);
    expect(row?.attempts).toBe(2);
  });

  it('hands a dead worker’s claimed page to another worker at once, not after the lease', async () => {
    const a = worker();
    const b = worker();
    const idA = (await a.id())!;
    const idB = (await b.id())!;
    expect(await claimNotifications(pool, 10, LEASE_MS, new Date(), idA)).toHaveLength(1);
    await killSession(idA);
    const rows = await waitFor(async () => {
      const claimed = await claimNotifications(pool, 10, LEASE_MS, new Date(), idB);
      return claimed.length > 0 ? claimed : undefined;
    }, 5_000);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.attempts).toBe(2);
    const { rows: stamped } = await pool.query(`SELECT claimed_by FROM alerting.notifications`);
    expect(stamped).toEqual([{ claimed_by: idB }]);
    await markDelivered(pool, rows[0]!.id, new Date());
    const { rows: done } = await pool.query(`SELECT status, claimed_by FROM alerting.notifications`);
    expect(done).toEqual([{ status: 'delivered', claimed_by: null }]);
  });

  it('takes a new liveness id after its own session was ended, so its old claims count as abandoned', async () => {
    const a = worker();
    const first = (await a.id())!;
    expect(await claimNotifications(pool, 10, LEASE_MS, new Date(), first)).toHaveLength(1);
    await killSession(first);
    const second = await waitFor(async () => {
      const id = await a.id();
      return id !== null && id !== first ? id : undefined;
    }, 5_000);
    expect(await claimNotifications(pool, 10, LEASE_MS, new Date(), second)).toHaveLength(1);
  });

  it('frees a gracefully stopped worker’s claims at once', async () => {
    const a = worker();
    const b = worker();
    expect(await claimNotifications(pool, 10, LEASE_MS, new Date(), (await a.id())!)).toHaveLength(1);
    await a.close();
    const idB = (await b.id())!;
    // The server ends the session just after the client's Terminate message.
    await waitFor(
      async () => (await claimNotifications(pool, 10, LEASE_MS, new Date(), idB)).length === 1,
      5_000,
    );
  });

  it('leaves a claim made without a liveness id to its lease', async () => {
    const b = worker();
    expect(await claimNotifications(pool, 10, LEASE_MS, new Date(), null)).toHaveLength(1);
    expect(await claimNotifications(pool, 10, LEASE_MS, new Date(), (await b.id())!)).toHaveLength(0);
  });

  it('answers null, and claims rely on their lease, when the database refuses the liveness session', async () => {
    const bad = new WorkerLiveness('postgres://postgres@127.0.0.1:1/nowhere', logger);
    await expect(bad.id()).resolves.toBeNull();
  });
});
