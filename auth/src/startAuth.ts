import { ShutdownStack } from '@sightline/config';
import type { Tracer } from '@opentelemetry/api';
import { DEMO_TENANTS } from '@sightline/contracts';
import { createDb, createPool, migrateToLatest } from '@sightline/db';
import { closeServer, listen } from '@sightline/http';
import { createMetrics, createServiceLogger, initTracing } from '@sightline/telemetry';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { createServer } from 'node:http';
import type { Logger } from 'pino';
import { ApiKeyStore } from './apiKeys/ApiKeyStore';
import { seedDemoApiKeys } from './apiKeys/seedDemoApiKeys';
import { AuditLog } from './audit/AuditLog';
import type { AuthServices } from './AuthServices';
import { ClientStore } from './clients/ClientStore';
import type { AuthConfig } from './config';
import { resolveKeyEncryption } from './crypto/resolveKeyEncryption';
import type { AuthDatabase } from './db/AuthDatabase';
import { authMigrations } from './db/authMigrations';
import { createAuthApp } from './http/createAuthApp';
import { startJanitor } from './janitor/startJanitor';
import { LoginLockout } from './lockout/LoginLockout';
import { createAuthMetrics } from './metrics/createAuthMetrics';
import { configurePasswordHashing } from './passwords/hashPassword';
import { PasswordHashLimiter } from './passwords/PasswordHashLimiter';
import { RefreshTokenStore } from './refresh/RefreshTokenStore';
import { AccessTokenVerifier } from './tokens/AccessTokenVerifier';
import { SigningKeyStore } from './tokens/SigningKeyStore';
import { prepareDecoyHash } from './users/authenticateUser';
import { ensureAdminUser } from './users/ensureAdminUser';
import { UserStore } from './users/UserStore';

/** AuthHandle is a running auth service. */
export interface AuthHandle {
  port: number;
  close(): Promise<void>;
}

/** AuthDeps lets a caller (tests, the launcher) supply collaborators instead of the defaults. */
export interface AuthDeps {
  /** Used instead of creating the pino logger (and its OTLP shipper). */
  logger?: Logger;
  /** Used instead of calling initTracing; the caller owns its provider. */
  tracer?: Tracer;
  /** How often a replica re-reads the active signing key (another replica may have rotated it). */
  keyReloadIntervalMs?: number;
}

/**
 * startAuth migrates the `auth` schema, seeds what config asks for, loads (or makes) the signing keys and
 * starts serving. Everything it opened is closed again if start-up fails half way.
 */
export async function startAuth(config: AuthConfig, deps: AuthDeps = {}): Promise<AuthHandle> {
  const closers = new ShutdownStack();
  const closeAll = () => closers.closeAll();
  let logger = deps.logger;
  if (!logger) {
    const service = createServiceLogger({
      service: 'auth',
      level: config.LOG_LEVEL,
      otlpEndpoint: config.OTLP_ENDPOINT,
    });
    closers.push(() => service.close());
    logger = service.logger;
  }
  const log = logger;
  let tracer = deps.tracer;
  if (!tracer) {
    const tracing = initTracing({
      service: 'auth',
      endpoint: config.OTLP_ENDPOINT,
      sampleRatio: config.TRACE_SAMPLE_RATIO,
    });
    closers.push(() => tracing.shutdown());
    tracer = tracing.tracer;
  }

  const hashLimiter = new PasswordHashLimiter(config.PASSWORD_HASH_CONCURRENCY, config.PASSWORD_HASH_QUEUE);
  configurePasswordHashing(hashLimiter);

  try {
    const pool = createPool({
      connectionString: config.DATABASE_URL,
      applicationName: 'sightline-auth',
      onError: (err) => log.warn({ err: err.message }, 'idle postgres client failed'),
    });
    const db = createDb<AuthDatabase>(pool);
    closers.push(() => db.destroy());
    await migrateToLatest(db as Kysely<unknown>, 'auth', authMigrations);
    if (config.ADMIN_PASSWORD !== undefined) {
      const created = await ensureAdminUser(db, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
      if (created) log.info({ email: config.ADMIN_EMAIL }, 'created the platform admin user');
    }
    if (config.SEED_DEMO) {
      const seeded = await seedDemoApiKeys(db, DEMO_TENANTS);
      log.info({ seeded, tenants: DEMO_TENANTS.map((t) => t.id) }, 'seeded demo API keys');
    }

    await prepareDecoyHash();
    const { keyring, localKeyInUse } = await resolveKeyEncryption(db, config.AUTH_KEY_ENCRYPTION_KEY, log);
    const keys = await SigningKeyStore.fromDb(db, {
      keyring,
      accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      retireMarginSeconds: config.SIGNING_KEY_RETIRE_MARGIN_SECONDS,
      maxPublished: config.SIGNING_KEYS_MAX_PUBLISHED,
      ...(deps.keyReloadIntervalMs === undefined ? {} : { reloadIntervalMs: deps.keyReloadIntervalMs }),
    });
    if (config.AUTH_KEY_ENCRYPTION_KEY !== undefined && localKeyInUse) {
      // Every key is now sealed with the configured key, so the development key only adds risk.
      await db.deleteFrom('auth.local_key_encryption_key').execute();
      log.info(
        { keyId: keyring.keyId },
        'moved signing keys to AUTH_KEY_ENCRYPTION_KEY; dropped the development key',
      );
    }

    const registry = createMetrics('auth');
    const audit = new AuditLog(db);
    const refresh = new RefreshTokenStore(db, {
      ttlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
      familyTtlSeconds: config.REFRESH_FAMILY_TTL_SECONDS,
    });
    const lockout = new LoginLockout(db, {
      threshold: config.LOGIN_LOCKOUT_THRESHOLD,
      windowSeconds: config.LOGIN_LOCKOUT_WINDOW_SECONDS,
      lockSeconds: config.LOGIN_LOCKOUT_SECONDS,
    });
    const services: AuthServices = {
      db,
      keys,
      verifier: new AccessTokenVerifier(keys, config.ISSUER),
      audit,
      users: new UserStore(db),
      clients: new ClientStore(db),
      apiKeys: new ApiKeyStore(db),
      refresh,
      lockout,
      metrics: createAuthMetrics(registry, hashLimiter),
      logger: log,
      issuer: config.ISSUER,
      accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    };
    const janitor = startJanitor({ keys, refresh, lockout, audit, logger: log });
    closers.push(() => janitor.stop());
    await janitor.run();

    const app = createAuthApp({
      services,
      registry,
      tracer,
      internalToken: config.INTERNAL_TOKEN,
      trustedProxies: config.TRUSTED_PROXY_CIDRS,
      ready: async () => {
        await sql`SELECT 1`.execute(db);
        return true;
      },
    });
    const server = createServer(app);
    const port = await listen(server, config.AUTH_PORT, config.HOST);
    closers.push(() => closeServer(server));
    log.info({ port, host: config.HOST, kid: keys.kid }, 'auth listening');
    return { port, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
