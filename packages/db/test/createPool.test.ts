import { createTestDatabase } from '@sightline/testing';
import type { TestDatabase } from '@sightline/testing';
import { createPool } from '../src';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('sl_pool');
});
afterAll(async () => {
  await db.drop();
});

describe('createPool', () => {
  it('reports a checked-out client losing its server instead of crashing the process, and keeps serving', async () => {
    const errors: Error[] = [];
    const pool = createPool({
      connectionString: db.url,
      applicationName: 'pool-test',
      onError: (e) => errors.push(e),
    });
    const killer = createPool({ connectionString: db.url, applicationName: 'pool-killer' });
    try {
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // A failover or restart, seen from a client that is checked out and idle between two queries.
      await killer.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await new Promise((r) => setTimeout(r, 300));
      expect(errors.length).toBeGreaterThanOrEqual(1);
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release(true);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    } finally {
      await pool.end();
      await killer.end();
    }
  });
});
