import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';

/** createDb wraps a pg Pool in a typed Kysely instance; the caller keeps ownership of the pool. */
export function createDb<DB>(pool: pg.Pool): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
