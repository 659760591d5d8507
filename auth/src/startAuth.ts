import { DEMO_TENANTS } from '@sightline/contracts';
import { createDb, createPool, migrateToLatest } from '@sightline/db';
import { closeServer, listen } from '@sightline/http';
import { createLogger, createMetrics } from '@sightline/telemetry';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { createServer } from 'node:http';
import { seedDemoApiKeys } from './apiKeys/seedDemoApiKeys';
import type { AuthConfig } from './config';
import type { AuthDatabase } from './db/AuthDatabase';
import { authMigrations } from './db/authMigrations';
import { createAuthApp } from './http/createAuthApp';
import { SigningKeyStore } from './tokens/SigningKeyStore';
import { ensureAdminUser } from './users/ensureAdminUser';

/** AuthHandle is a running auth service. */
export interface AuthHandle {
  port: number;
  close(): Promise<void>;
}

/** startAuth migrates the `auth` schema, seeds what config asks for, ensures a signing key and starts serving. */
export async function startAuth(config: AuthConfig): Promise<AuthHandle> {
  const logger = createLogger({ service: 'auth', level: config.LOG_LEVEL });
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    applicationName: 'sightline-auth',
    onError: (err) => logger.warn({ err: err.message }, 'idle postgres client failed'),
  });
  const db = createDb<AuthDatabase>(pool);
  try {
    await migrateToLatest(db as Kysely<unknown>, 'auth', authMigrations);
    if (config.ADMIN_PASSWORD !== undefined) {
      const created = await ensureAdminUser(db, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
      if (created) logger.info({ email: config.ADMIN_EMAIL }, 'created the platform admin user');
    }
    if (config.SEED_DEMO) {
      const seeded = await seedDemoApiKeys(db, DEMO_TENANTS);
      logger.info({ seeded, tenants: DEMO_TENANTS.map((t) => t.id) }, 'seeded demo API keys');
    }
    const keys = await SigningKeyStore.fromDb(db);
    const registry = createMetrics('auth');
    const app = createAuthApp({
      db,
      keys,
      registry,
      logger,
      internalToken: config.INTERNAL_TOKEN,
      issuer: config.ISSUER,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      ready: async () => {
        await sql`SELECT 1`.execute(db);
        return true;
      },
    });
    const server = createServer(app);
    const port = await listen(server, config.AUTH_PORT, config.HOST);
    logger.info({ port, host: config.HOST, kid: keys.kid }, 'auth listening');
    return {
      port,
      async close() {
        await closeServer(server);
        await db.destroy();
        logger.flush();
      },
    };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
