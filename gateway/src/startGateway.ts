import { createServer } from 'node:http';
import type { Tracer } from '@opentelemetry/api';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { Pool } from 'undici';
import { redactUrl } from '@sightline/config';
import { createDb, createPool, migrateToLatest } from '@sightline/db';
import { closeServer, listen } from '@sightline/http';
import { OtlpLogShipper, createLogger, initTracing } from '@sightline/telemetry';
import { createAdminApp } from './admin/createAdminApp';
import { ApiKeyVerifier } from './auth/ApiKeyVerifier';
import type { GatewayConfig } from './config';
import type { GatewayDatabase } from './db/GatewayDatabase';
import { migrations } from './db/migrations';
import { createLimiterStore } from './limiter/createLimiterStore';
import { createGatewayMetrics } from './metrics/createGatewayMetrics';
import { createProxyHandler } from './proxy/createProxyHandler';
import { TenantCache } from './tenants/TenantCache';
import { seedDemoTenants } from './tenants/seedDemoTenants';
import { throttle } from './throttle';

/** GatewayDeps lets a caller (tests, the launcher) supply collaborators instead of the defaults. */
export interface GatewayDeps {
  /** Used instead of creating the pino logger (and its OTLP shipper). */
  logger?: Logger;
  /** Used instead of calling initTracing; the caller owns its provider and context manager. */
  tracer?: Tracer;
  /** Prefix of every Redis key; keeps test runs apart. */
  redisKeyPrefix?: string;
  tenantReloadIntervalMs?: number;
  authCacheTtlMs?: { positive: number; negative: number };
}

/** GatewayHandle is a running gateway. */
export interface GatewayHandle {
  proxyPort: number;
  adminPort: number;
  /** The tenant cache, so callers can force a reload. */
  tenants: TenantCache;
  close(): Promise<void>;
}

/**
 * startGateway migrates the gateway schema, loads tenants and starts the proxy and admin servers.
 * Everything it opened is closed again if start-up fails half way.
 */
export async function startGateway(config: GatewayConfig, deps: GatewayDeps = {}): Promise<GatewayHandle> {
  const closers: (() => Promise<unknown>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch {
        // Shutdown continues: one stuck resource must not keep the others open.
      }
    }
  };

  let logger = deps.logger;
  if (!logger) {
    const shipper = config.OTLP_ENDPOINT
      ? new OtlpLogShipper({ service: 'gateway', endpoint: config.OTLP_ENDPOINT })
      : undefined;
    logger = createLogger({
      service: 'gateway',
      level: config.LOG_LEVEL,
      extraStreams: shipper ? [shipper] : [],
    });
    if (shipper) closers.push(() => shipper.close());
  }
  const log = logger;
  let tracer = deps.tracer;
  if (!tracer) {
    const tracing = initTracing({
      service: 'gateway',
      endpoint: config.OTLP_ENDPOINT,
      sampleRatio: config.TRACE_SAMPLE_RATIO,
    });
    closers.push(() => tracing.shutdown());
    tracer = tracing.tracer;
  }

  try {
    const pool = createPool({
      connectionString: config.DATABASE_URL,
      applicationName: 'gateway',
      onError: (err) => log.error({ err }, 'idle Postgres client failed'),
    });
    const db = createDb<GatewayDatabase>(pool);
    closers.push(() => db.destroy());
    await migrateToLatest(db as unknown as Kysely<unknown>, 'gateway', migrations);
    if (config.SEED_DEMO) await seedDemoTenants(db);

    const tenants = new TenantCache(db, {
      reloadIntervalMs: deps.tenantReloadIntervalMs,
      onReloadError: throttle(30_000, (err: unknown, suppressed) =>
        log.error({ err, suppressed }, 'tenant reload failed; keeping the last loaded tenants'),
      ),
    });
    await tenants.start();
    closers.push(() => tenants.stop());

    const onLimiterError = throttle(10_000, (err: Error, suppressed) =>
      log.error({ err, suppressed }, 'rate limiter store failed; requests are allowed (fail open)'),
    );
    const limiter = await createLimiterStore({
      redisUrl: config.REDIS_URL,
      redisKeyPrefix: deps.redisKeyPrefix,
      onRedisError: throttle(10_000, (err: Error, suppressed) =>
        log.error({ err, suppressed }, 'Redis connection error'),
      ),
    });
    closers.push(() => limiter.close());
    if (limiter.backend === 'memory') {
      log.warn(
        'REDIS_URL is not set: rate limits are kept in this process only, so each gateway replica enforces its own',
      );
    }

    const verifier = ApiKeyVerifier.fromConfig({
      authUrl: config.AUTH_URL,
      internalToken: config.INTERNAL_TOKEN,
      positiveTtlMs: deps.authCacheTtlMs?.positive,
      negativeTtlMs: deps.authCacheTtlMs?.negative,
    });
    closers.push(() => verifier.close());

    const upstream = new Pool(new URL(config.UPSTREAM_URL).origin, {
      connections: 256,
      keepAliveTimeout: 10_000,
      headersTimeout: config.UPSTREAM_TIMEOUT_MS,
      bodyTimeout: config.UPSTREAM_TIMEOUT_MS,
    });
    closers.push(() => upstream.destroy());

    const metrics = createGatewayMetrics();
    metrics.limiterBackend.set({ backend: limiter.backend }, 1);

    const proxy = createServer(
      createProxyHandler({
        upstream,
        upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS,
        verifier,
        tenants,
        limiter,
        tracer,
        logger: log,
        metrics,
        accessLog: config.ACCESS_LOG,
        onLimiterError,
      }),
    );
    const proxyPort = await listen(proxy, config.GATEWAY_PORT, config.HOST);
    closers.push(() => closeServer(proxy));

    const admin = createServer(
      createAdminApp({
        internalToken: config.INTERNAL_TOKEN,
        tenants,
        registry: metrics.registry,
        logger: log,
        ready: async () => {
          await pool.query('select 1');
          return limiter.ready();
        },
      }),
    );
    const adminPort = await listen(admin, config.GATEWAY_ADMIN_PORT, config.HOST);
    closers.push(() => closeServer(admin));

    log.info(
      {
        proxyPort,
        adminPort,
        upstream: redactUrl(config.UPSTREAM_URL),
        auth: redactUrl(config.AUTH_URL),
        limiter: limiter.backend,
        tenants: tenants.list().length,
      },
      'gateway started',
    );
    return { proxyPort, adminPort, tenants, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
