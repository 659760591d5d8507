import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Tracer } from '@opentelemetry/api';
import { trace } from '@opentelemetry/api';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { Pool } from 'undici';
import { TokenVerifier } from '@sightline/authn';
import { ShutdownStack, redactUrl } from '@sightline/config';
import { createDb, createPool, migrateToLatest } from '@sightline/db';
import { closeServer, listen } from '@sightline/http';
import { SAMPLE_RATIO_ATTRIBUTE, SLI_SOURCE_ATTRIBUTE } from '@sightline/contracts';
import { createServiceLogger, initTracing, throttle } from '@sightline/telemetry';
import { createAdminApp } from './admin/createAdminApp';
import { ApiKeyVerifier } from './auth/ApiKeyVerifier';
import { JwtAuthenticator } from './auth/JwtAuthenticator';
import { RevocationPoller } from './auth/RevocationPoller';
import type { GatewayConfig } from './config';
import type { GatewayDatabase } from './db/GatewayDatabase';
import { migrations } from './db/migrations';
import type { LimiterMode } from './limiter/ResilientLimiter';
import { createLimiterStore } from './limiter/createLimiterStore';
import { LimitConfigStore } from './limits/LimitConfigStore';
import { createGatewayMetrics } from './metrics/createGatewayMetrics';
import { MetricChildren } from './metrics/MetricChildren';
import { SliExporter } from './metrics/SliExporter';
import { IpMatcher } from './net/IpMatcher';
import { createProxyServer } from './net/createProxyServer';
import { LimitHitLog } from './proxy/LimitHitLog';
import { createProxyHandler } from './proxy/createProxyHandler';
import { RouteTable } from './routes/RouteTable';
import { defaultRoutes } from './routes/RouteSpec';
import { seedDemoTenants } from './tenants/seedDemoTenants';

/** GatewayDeps lets a caller (tests, the launcher) supply collaborators instead of the defaults. */
export interface GatewayDeps {
  /** Used instead of creating the pino logger (and its OTLP shipper). */
  logger?: Logger;
  /** Used instead of calling initTracing; the caller owns its provider and context manager. */
  tracer?: Tracer;
  /** Prefix of every Redis key (overrides REDIS_KEY_PREFIX); keeps test runs apart. */
  redisKeyPrefix?: string;
  authCacheTtlMs?: { positive?: number; negative?: number };
}

/** GatewayHandle is a running gateway. */
export interface GatewayHandle {
  proxyPort: number;
  adminPort: number;
  /** The limit configuration (tenants included), so callers can force a reload. */
  config: LimitConfigStore;
  /** Which limiter decides now. */
  limiterMode(): LimiterMode;
  close(): Promise<void>;
}

/**
 * startGateway migrates the gateway schema, loads the limit configuration and starts the proxy and admin servers.
 * Everything it opened is closed again if start-up fails half way.
 */
export async function startGateway(config: GatewayConfig, deps: GatewayDeps = {}): Promise<GatewayHandle> {
  const closers = new ShutdownStack();
  const closeAll = () => closers.closeAll();

  let logger = deps.logger;
  if (!logger) {
    const service = createServiceLogger({
      service: 'gateway',
      level: config.LOG_LEVEL,
      otlpEndpoint: config.OTLP_ENDPOINT,
    });
    closers.push(() => service.close());
    logger = service.logger;
  }
  const log = logger;
  // ADR 0009: with an OTLP endpoint the SLIs go to the collector as metrics, so trace sampling does not thin them;
  // the spans' resource says so, and the collector stops counting them.
  const instanceId = randomUUID();
  const sliEndpoint = config.SLI_METRICS ? config.OTLP_ENDPOINT : undefined;
  let tracer = deps.tracer;
  if (!tracer && config.TRACING) {
    const tracing = initTracing({
      service: 'gateway',
      endpoint: config.OTLP_ENDPOINT,
      sampleRatio: config.TRACE_SAMPLE_RATIO,
      exportDelayMs: config.TRACE_EXPORT_DELAY_MS,
      // Every failed, rate-limited or slow request keeps its trace, whatever the ratio.
      keepOutcomes: { slowMs: config.TRACE_KEEP_SLOW_MS },
      // The proxy passes each request's context explicitly after every await (ADR 0016), so no async_hooks.
      contextTracking: 'sync',
      resourceAttributes: {
        'service.instance.id': instanceId,
        [SAMPLE_RATIO_ATTRIBUTE]: String(config.TRACE_SAMPLE_RATIO),
        ...(sliEndpoint ? { [SLI_SOURCE_ATTRIBUTE]: 'metrics' } : {}),
      },
    });
    closers.push(() => tracing.shutdown());
    tracer = tracing.tracer;
  }
  // TRACING=false: the API's no-op tracer, so the hot path pays nothing for spans.
  tracer ??= trace.getTracer('sightline.gateway.noop');

  try {
    const metrics = createGatewayMetrics();
    const pool = createPool({
      connectionString: config.DATABASE_URL,
      applicationName: 'gateway',
      onError: (err) => log.error({ err }, 'idle Postgres client failed'),
    });
    const db = createDb<GatewayDatabase>(pool);
    closers.push(() => db.destroy());
    await migrateToLatest(db as unknown as Kysely<unknown>, 'gateway', migrations);
    if (config.SEED_DEMO) await seedDemoTenants(db);

    const upstreamPools = new Map<string, Pool>();
    const poolFor = (origin: string) => {
      let p = upstreamPools.get(origin);
      if (!p) {
        p = new Pool(origin, {
          connections: 256,
          keepAliveTimeout: 10_000,
          headersTimeout: config.UPSTREAM_TIMEOUT_MS,
          bodyTimeout: config.UPSTREAM_TIMEOUT_MS,
        });
        upstreamPools.set(origin, p);
      }
      return p;
    };
    const routes = new RouteTable(
      config.ROUTES_JSON ?? defaultRoutes(config.AUTH_URL, config.UPSTREAM_URL),
      config.MAX_BODY_BYTES,
      poolFor,
    );
    closers.push(() => Promise.all([...upstreamPools.values()].map((p) => p.destroy())));

    const onReloadError = throttle(30_000, (err: unknown, suppressed) =>
      log.error({ err, suppressed }, 'limit config reload failed; keeping the last loaded config'),
    );
    const limitConfig = new LimitConfigStore({
      db,
      databaseUrl: config.DATABASE_URL,
      classes: routes.classes(),
      reconcileMs: config.CONFIG_RECONCILE_MS,
      onReload: (trigger, ok, err) => {
        metrics.configReloads.inc({ trigger, result: ok ? 'ok' : 'error' });
        if (!ok) onReloadError(err);
      },
      onListenError: throttle(30_000, (err: Error, suppressed) =>
        log.warn(
          { err, suppressed },
          'config LISTEN session failed; reconnecting (periodic reconcile still runs)',
        ),
      ),
    });
    await limitConfig.start();
    closers.push(() => limitConfig.stop());

    const clustered = config.REDIS_CLUSTER_NODES.length > 0;
    const limiter = await createLimiterStore({
      enabled: config.LIMITER_ENABLED,
      redisUrl: config.REDIS_URL,
      redisClusterNodes: config.REDIS_CLUSTER_NODES,
      redisClusterPassword: config.REDIS_CLUSTER_PASSWORD,
      redisClusterTls: config.REDIS_CLUSTER_TLS,
      redisTlsCa: config.REDIS_TLS_CA_FILE?.pem,
      redisKeyPrefix: deps.redisKeyPrefix ?? config.REDIS_KEY_PREFIX,
      commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
      breakerFailureThreshold: config.LIMITER_BREAKER_FAILURES,
      breakerOpenMs: config.LIMITER_BREAKER_OPEN_MS,
      replicas: config.GATEWAY_REPLICAS,
      onRedisError: throttle(10_000, (err: Error, suppressed) =>
        log.error({ err, suppressed }, 'Redis connection error'),
      ),
      onCheckError: (err) => {
        metrics.limiterErrors.inc();
        onLimiterError(err);
      },
      onModeChange: (mode, cause) => {
        setMode(mode);
        metrics.limiterModeChanges.inc({ mode });
        if (mode === 'fallback')
          log.warn(
            { err: cause, mode, replicas: config.GATEWAY_REPLICAS },
            'Redis limiter unavailable: switching to the per-node fallback (each limit divided by GATEWAY_REPLICAS)',
          );
        else log.warn({ mode }, 'Redis limiter is back: shared limits restored');
      },
    });
    const onLimiterError = throttle(10_000, (err: Error, suppressed) =>
      log.error({ err, suppressed }, 'rate limiter check failed on Redis; the per-node fallback decided'),
    );
    closers.push(() => limiter.store.close());
    const backend =
      limiter.store.backend === 'redis' ? (clustered ? 'redis-cluster' : 'redis') : limiter.store.backend;
    metrics.limiterBackend.set({ backend }, 1);
    const setMode = (mode: LimiterMode) => {
      for (const m of ['redis', 'fallback', 'memory', 'disabled'] as const)
        metrics.limiterMode.set({ mode: m }, m === mode ? 1 : 0);
    };
    setMode(limiter.mode());
    if (limiter.mode() === 'disabled') {
      log.warn('rate limiting disabled by LIMITER_ENABLED=false');
    } else if (limiter.mode() === 'memory') {
      log.warn(
        'REDIS_URL is not set: rate limits are kept in this process only, so each gateway replica enforces its own',
      );
    }

    const verifier = ApiKeyVerifier.fromConfig({
      authUrl: config.AUTH_URL,
      internalToken: config.INTERNAL_TOKEN,
      positiveTtlMs: deps.authCacheTtlMs?.positive ?? config.API_KEY_CACHE_TTL_MS,
      negativeTtlMs: deps.authCacheTtlMs?.negative,
    });
    closers.push(() => verifier.close());
    const revocations = RevocationPoller.fromConfig({
      authUrl: config.AUTH_URL,
      internalToken: config.INTERNAL_TOKEN,
      intervalMs: config.REVOCATION_POLL_MS,
      onRevoked: (hash) => {
        verifier.evict(hash);
        metrics.revokedKeys.inc();
      },
      onUnsupported: () =>
        log.info(
          'auth has no API-key revocation feed (404): revoked keys expire from the cache after its TTL',
        ),
      onError: throttle(30_000, (err: Error, suppressed) =>
        log.warn({ err, suppressed }, 'API-key revocation feed failed; will retry'),
      ),
    });
    revocations.start();
    closers.push(() => revocations.stop());

    const jwt = new JwtAuthenticator(
      TokenVerifier.fromConfig({ authUrl: config.AUTH_URL, issuer: config.AUTH_ISSUER }),
      {
        issuer: config.AUTH_ISSUER,
      },
    );
    const trustedProxies = new IpMatcher(config.TRUSTED_PROXY_CIDRS);

    let sli: SliExporter | undefined;
    if (sliEndpoint) {
      const onSliError = throttle(30_000, (err: Error, suppressed) =>
        log.warn({ err, suppressed }, 'SLI metrics not delivered to the collector; kept for the next send'),
      );
      const exporter = new SliExporter({
        endpoint: sliEndpoint,
        service: 'gateway',
        instanceId,
        intervalMs: config.SLI_EXPORT_MS,
        onExportError: (err) => {
          metrics.sliExportFailures.inc();
          onSliError(err);
        },
        onDrop: (requests) => metrics.sliDroppedRequests.inc(requests),
      });
      exporter.start();
      closers.push(() => exporter.stop());
      sli = exporter;
    }
    const proxyServer = createProxyServer(
      config,
      createProxyHandler({
        routes,
        upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS,
        verifier,
        jwt,
        config: limitConfig,
        limiter: limiter.store,
        trustedProxies,
        tracer,
        logger: log,
        metrics: new MetricChildren(metrics),
        limitHits: new LimitHitLog(log),
        sli,
        accessLog: {
          mode: config.ACCESS_LOG,
          // With TRACING=false there is no trace verdict, and `sampled` keeps this share of the fast successes.
          sampleRatio: config.TRACE_SAMPLE_RATIO,
          keepSlowMs: config.TRACE_KEEP_SLOW_MS,
        },
        onLimiterError,
      }),
      { logger: log, registry: metrics.registry },
    );
    closers.push(() => proxyServer.stop());
    const proxy = proxyServer.server;
    const proxyPort = await listen(proxy, config.GATEWAY_PORT, config.HOST);
    closers.push(() => closeServer(proxy));

    const admin = createServer(
      { maxHeaderSize: config.MAX_HEADER_BYTES },
      createAdminApp({
        internalToken: config.INTERNAL_TOKEN,
        db,
        config: limitConfig,
        trustedProxies,
        jwt,
        registry: metrics.registry,
        logger: log,
        // Redis is not part of readiness: without it the per-node fallback still limits, and failing
        // readiness on every replica at once would turn a Redis outage into a full outage.
        ready: async () => {
          await pool.query('select 1');
          return true;
        },
      }),
    );
    const adminPort = await listen(admin, config.GATEWAY_ADMIN_PORT, config.HOST);
    closers.push(() => closeServer(admin));

    log.info(
      {
        proxyPort,
        adminPort,
        routes: routes.all().map((r) => r.name),
        auth: redactUrl(config.AUTH_URL),
        limiter: backend,
        tenants: limitConfig.list().length,
        tls: proxyServer.tls ?? false,
      },
      'gateway started',
    );
    return { proxyPort, adminPort, config: limitConfig, limiterMode: () => limiter.mode(), close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
