import type { Kysely } from 'kysely';
import pg from 'pg';
import { createDb, migrateToLatest } from '@sightline/db';
import type { TestDatabase } from '@sightline/testing';
import { createTestDatabase } from '@sightline/testing';
import { migrations } from '../src/db/migrations';

let db: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase('sl_gateway_migr');
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
});

afterAll(async () => {
  await pool.end();
  await db.drop();
});

describe('the gateway schema migrations', () => {
  it('upgrade a database that only has 0001 applied, keeping its tenants and their rps_override', async () => {
    const k = createDb(pool) as unknown as Kysely<unknown>;
    await migrateToLatest(k, 'gateway', { '0001_tenants': migrations['0001_tenants']! });
    await pool.query(
      `insert into gateway.tenants (id, name, tier, rps_override) values ('old', 'Old', 'pro', 7)`,
    );
    await migrateToLatest(k, 'gateway', migrations);
    const { rows } = await pool.query(
      `select rps_override, shadow_mode from gateway.tenants where id = 'old'`,
    );
    expect(rows[0]).toEqual({ rps_override: 7, shadow_mode: false });
    const tiers = await pool.query(`select tier, per_second, per_minute from gateway.tiers order by tier`);
    expect(tiers.rows).toEqual([
      { tier: 'enterprise', per_second: 200, per_minute: 10000 },
      { tier: 'free', per_second: 10, per_minute: 300 },
      { tier: 'pro', per_second: 50, per_minute: 2000 },
    ]);
  });

  it('refuses an adjustment that is both a multiplier and an absolute limit, or has no reason', async () => {
    await expect(
      pool.query(
        `insert into gateway.emergency_adjustments (multiplier, per_second, reason, expires_at, created_by)
         values (2, 5, 'x', now() + interval '1 minute', 't')`,
      ),
    ).rejects.toThrow(/check constraint/);
    await expect(
      pool.query(
        `insert into gateway.emergency_adjustments (multiplier, reason, expires_at, created_by)
         values (2, '', now() + interval '1 minute', 't')`,
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('notifies gateway_config when a config table changes, on commit only', async () => {
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    const seen: string[] = [];
    listener.on('notification', (n) => seen.push(`${n.channel}:${n.payload}`));
    await listener.query('LISTEN gateway_config');
    const c = await pool.connect();
    try {
      await c.query('begin');
      await c.query(`update gateway.tiers set per_second = 11 where tier = 'free'`);
      await new Promise((r) => setTimeout(r, 100));
      expect(seen).toEqual([]);
      await c.query('commit');
    } finally {
      c.release();
    }
    const deadline = Date.now() + 2_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(['gateway_config:tiers']);
    await listener.end();
  });
});
