import { createServer } from 'node:http';
import { createDb, createPool, migrateToLatest } from '@sightline/db';
import {
  closeServer,
  errorMiddleware,
  healthRoutes,
  listen,
  notFoundHandler,
  requireInternalToken,
} from '@sightline/http';
import { createMetrics, createServiceLogger } from '@sightline/telemetry';
import express from 'express';
import type { Registry } from 'prom-client';
import { alertingMetrics } from './alertingMetrics';
import type { AlertingConfig } from './config';
import { alertingMigrations, ALERTING_SCHEMA } from './db/alertingMigrations';
import { sloRoutes } from './slo/api/sloRoutes';
import { CollectorRollupSource } from './slo/rollups/CollectorRollupSource';
import type { RollupSource } from './slo/rollups/RollupSource';
import { SloAlertBus } from './slo/SloAlertBus';
import { SloEngine } from './slo/SloEngine';
import { SloStore } from './slo/SloStore';
import { loadSloDefinitions } from './slo/specs/loadSloDefinitions';

/** AlertingHandle is a running alerting service. */
export interface AlertingHandle {
  port: number;
  registry: Registry;
  engine: SloEngine;
  bus: SloAlertBus;
  /** close stops the engine, the server and the database pool. */
  close(): Promise<void>;
}

/** AlertingExtras are wiring hooks for tests. */
export interface AlertingExtras {
  /** rollups replaces the collector client. */
  rollups?: RollupSource;
  now?: () => Date;
  /** autoStart false leaves the evaluation loop off; tests then call engine.evaluateOnce(). */
  autoStart?: boolean;
}

/**
 * startAlerting loads the SLO specs (a bad spec stops the start), migrates the alerting schema, serves the
 * internal SLO API and health routes, and starts the SLO engine.
 */
export async function startAlerting(
  config: AlertingConfig,
  extras: AlertingExtras = {},
): Promise<AlertingHandle> {
  const serviceLogger = createServiceLogger({
    service: 'alerting',
    level: config.LOG_LEVEL,
    otlpEndpoint: config.OTLP_ENDPOINT,
  });
  const logger = serviceLogger.logger;
  const specs = loadSloDefinitions(config.SLO_SPECS_DIR);
  logger.info({ slos: specs.definitions.length, skipped: specs.skipped.length }, 'loaded SLO specs');

  const pool = createPool({
    connectionString: config.DATABASE_URL,
    applicationName: 'alerting',
    onError: (err) => logger.warn({ err }, 'idle database client failed'),
  });
  try {
    await migrateToLatest(createDb(pool), ALERTING_SCHEMA, alertingMigrations);
  } catch (err) {
    await pool.end();
    await serviceLogger.close();
    throw err;
  }

  const registry = createMetrics('alerting');
  const metrics = alertingMetrics(registry);
  const store = SloStore.fromPool(pool);
  const bus = new SloAlertBus();
  const engine = new SloEngine({
    definitions: specs.definitions,
    source:
      extras.rollups ??
      CollectorRollupSource.fromConfig({
        baseUrl: config.COLLECTOR_URL,
        internalToken: config.INTERNAL_TOKEN,
        timeoutMs: config.COLLECTOR_TIMEOUT_MS,
      }),
    store,
    bus,
    logger,
    metrics,
    intervalMs: config.EVAL_INTERVAL_MS,
    historyRetentionDays: config.HISTORY_RETENTION_DAYS,
    eventRetentionDays: config.ALERT_EVENT_RETENTION_DAYS,
    now: extras.now,
  });
  const routes = sloRoutes({ engine, store, bus, skipped: specs.skipped, now: extras.now });

  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes({ registry, ready: () => store.ping() }));
  app.use('/internal/v1', requireInternalToken(config.INTERNAL_TOKEN), routes.router);
  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));

  const server = createServer(app);
  let port: number;
  try {
    port = await listen(server, config.ALERTING_PORT, config.HOST);
  } catch (err) {
    await pool.end();
    await serviceLogger.close();
    throw err;
  }
  if (extras.autoStart === false) await engine.restore();
  else await engine.start();
  logger.info({ port }, 'alerting listening');

  return {
    port,
    registry,
    engine,
    bus,
    async close() {
      await engine.stop();
      routes.closeStreams();
      await closeServer(server);
      await pool.end();
      await serviceLogger.close();
    },
  };
}
