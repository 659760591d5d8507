import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type pg from 'pg';
import { createDb, createPool, migrateToLatest, MigrationError } from '../src';
import type { TestDatabase } from '@sightline/testing';
import { createTestDatabase } from '@sightline/testing';

let tdb: TestDatabase;
let pool: pg.Pool;
let db: Kysely<unknown>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  pool = createPool({ connectionString: tdb.url, applicationName: 'db-test' });
  db = createDb<unknown>(pool);
});
afterAll(async () => {
  await db.destroy();
  await tdb.drop();
});

const migrations = {
  '0001_init': {
    up: async (k: Kysely<unknown>) => {
      await sql`CREATE TABLE svc_a.items (id int primary key, name text not null)`.execute(k);
    },
  },
  '0002_more': {
    up: async (k: Kysely<unknown>) => {
      await sql`ALTER TABLE svc_a.items ADD COLUMN note text`.execute(k);
    },
  },
};

describe('migrateToLatest', () => {
  it('creates the service schema, applies its migrations once and records them inside that schema', async () => {
    const first = await migrateToLatest(db, 'svc_a', migrations);
    expect(first.results?.map((r) => r.status)).toEqual(['Success', 'Success']);
    const again = await migrateToLatest(db, 'svc_a', migrations);
    expect(again.results).toEqual([]);
    const { rows } = await pool.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'svc_a' ORDER BY table_name`,
    );
    expect(rows.map((r: { table_name: string }) => r.table_name)).toEqual(
      expect.arrayContaining(['items', 'kysely_migration', 'kysely_migration_lock']),
    );
  });

  it('keeps two services migration histories apart', async () => {
    await migrateToLatest(db, 'svc_b', {
      '0001_init': { up: async (k) => void (await sql`CREATE TABLE svc_b.t (x int)`.execute(k)) },
    });
    const { rows } = await pool.query(`SELECT name FROM svc_b.kysely_migration`);
    expect(rows).toEqual([{ name: '0001_init' }]);
  });

  it('reports a failing migration by name as a MigrationError', async () => {
    await expect(
      migrateToLatest(db, 'svc_c', {
        '0001_bad': { up: async (k) => void (await sql`CREATE TABLE nope.x ()`.execute(k)) },
      }),
    ).rejects.toThrow(MigrationError);
    await expect(
      migrateToLatest(db, 'svc_c', {
        '0001_bad': { up: async (k) => void (await sql`CREATE TABLE nope.x ()`.execute(k)) },
      }),
    ).rejects.toThrow(/0001_bad/);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(migrateToLatest(db, 'x; DROP SCHEMA public', {})).rejects.toThrow(MigrationError);
  });
});
