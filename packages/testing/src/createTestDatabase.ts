import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** TestDatabase is a fresh database on the real server, dropped by drop(). */
export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** adminUrl is the URL of the server that test databases are created on. */
export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** createTestDatabase creates a uniquely named database for one test file on the real PostgreSQL server. */
export async function createTestDatabase(prefix = 'sl_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
