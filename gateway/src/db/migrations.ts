import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { MigrationSet } from '@sightline/db';
import { migration0002Limits } from './migration0002Limits';

/** migrations are the gateway schema's migrations, applied in name order by migrateToLatest. */
export const migrations: MigrationSet = {
  '0001_tenants': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .withSchema('gateway')
        .createTable('tenants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull().check(sql`tier in ('free', 'pro', 'enterprise')`))
        .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
        .addColumn('rps_override', 'integer', (c) => c.check(sql`rps_override is null or rps_override > 0`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.withSchema('gateway').dropTable('tenants').execute();
    },
  },
  '0002_limits': migration0002Limits,
};
