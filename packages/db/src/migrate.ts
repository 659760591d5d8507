import type { Kysely, Migration, MigrationProvider, MigrationResultSet } from 'kysely';
import { Migrator, sql } from 'kysely';

/** MigrationSet is a service's migrations, keyed by a sortable name (e.g. "0001_init"). */
export type MigrationSet = Record<string, Migration>;

/** MigrationError is raised when a service's migrations fail; the cause is the failing statement's error. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/**
 * migrateToLatest creates the service's schema and applies its migrations with Kysely's Migrator.
 * The migration table lives in the service's own schema, so services never share migration state.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  schema: string,
  migrations: MigrationSet,
): Promise<MigrationResultSet> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new MigrationError(`invalid schema name ${schema}`);
  await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };
  const migrator = new Migrator({ db, provider, migrationTableSchema: schema });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`${schema}: migration ${failed} failed`, { cause: result.error });
  }
  return result;
}
