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
import { alertRoutes } from './api/alertRoutes';
import { configRoutes } from './api/configRoutes';
import { intakeRoutes } from './api/intakeRoutes';
import { reportingRoutes } from './api/reportingRoutes';
import { AlertEngine } from './engine/AlertEngine';
import { ConfigCache } from './engine/ConfigCache';
import { LeaderLock } from './engine/LeaderLock';
import { seedDefaults } from './engine/seedDefaults';
import { DEFAULT_INHIBIT_RULES } from './inhibit/InhibitRule';
import type { InhibitRule } from './inhibit/InhibitRule';
import { AlertIntake } from './intake/AlertIntake';
import { fromSloEvent } from './intake/fromSloEvent';
import type { ChannelConfig } from './notify/ChannelConfig';
import { createNotifier } from './notify/notifierRegistry';
import type { Notifier } from './notify/Notifier';
import { OutboxWorker } from './notify/OutboxWorker';
import { WorkerLiveness } from './notify/WorkerLiveness';
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
  intake: AlertIntake;
  alertEngine: AlertEngine;
  outbox: OutboxWorker;
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
  /** createNotifier replaces the notifier registry (tests wire in-memory notifiers). */
  createNotifier?: (channel: ChannelConfig) => Notifier;
  inhibitRules?: readonly InhibitRule[];
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

  const now = extras.now ?? (() => new Date());
  await seedDefaults(pool, {
    pagerDutyRoutingKey: config.PAGERDUTY_ROUTING_KEY,
    pagerDutyUrl: config.PAGERDUTY_EVENTS_URL,
    slackWebhookUrl: config.SLACK_WEBHOOK_URL,
  });
  const configCache = new ConfigCache(pool);
  const intake = new AlertIntake(pool, configCache, now);
  // Timers and deliveries get their own connections, so a flood of intake requests cannot starve a page.
  const enginePool = createPool({
    connectionString: config.DATABASE_URL,
    applicationName: 'alerting-engine',
    max: 4,
    onError: (err) => logger.warn({ err }, 'idle database client failed'),
  });
  const outbox = new OutboxWorker({
    pool: enginePool,
    config: configCache,
    createNotifier:
      extras.createNotifier ??
      ((channel) =>
        createNotifier(channel, {
          smtpUrl: config.SMTP_URL,
          smtpFrom: config.SMTP_FROM,
          timeoutMs: config.NOTIFY_TIMEOUT_MS,
        })),
    logger,
    metrics,
    pollMs: config.OUTBOX_POLL_MS,
    liveness: new WorkerLiveness(config.DATABASE_URL, logger),
    maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
    baseBackoffMs: config.NOTIFY_BACKOFF_MS,
    now,
  });
  const alertEngine = new AlertEngine({
    pool: enginePool,
    config: configCache,
    leader: new LeaderLock(config.DATABASE_URL, logger),
    logger,
    inhibitRules: extras.inhibitRules ?? DEFAULT_INHIBIT_RULES,
    consoleBaseUrl: config.CONSOLE_URL,
    metrics,
    tickMs: config.ALERT_TICK_MS,
    silenceReminder: {
      afterMs: config.SILENCE_REMIND_AFTER_SECONDS * 1000,
      everyMs: config.SILENCE_REMIND_EVERY_SECONDS * 1000,
    },
    now,
    onEnqueued: () => outbox.wake(),
  });
  const onChange = (): void => {
    alertEngine.poke();
    outbox.wake();
  };
  const unsubscribeSlo = bus.subscribe((event) => {
    intake
      .receive([fromSloEvent(event)], 'slo')
      .then(() => {
        metrics.received.inc({ source: 'slo' });
        onChange();
      })
      .catch((err: unknown) =>
        logger.error({ err, fingerprint: event.fingerprint }, 'SLO alert event not taken in'),
      );
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes({ registry, ready: () => store.ping() }));
  app.use(
    intakeRoutes({
      intake,
      pool,
      intakeToken: config.ALERT_INTAKE_TOKEN ?? config.INTERNAL_TOKEN,
      pagerDutySecrets: config.PAGERDUTY_WEBHOOK_SECRETS,
      consoleBaseUrl: config.CONSOLE_URL,
      maxBodyBytes: config.INTAKE_MAX_BODY_BYTES,
      resolveTimeoutMs: config.RESOLVE_TIMEOUT_SECONDS * 1000,
      logger,
      metrics,
      now,
      onAccepted: onChange,
    }),
  );
  app.use(
    '/internal/v1',
    requireInternalToken(config.INTERNAL_TOKEN),
    routes.router,
    alertRoutes({ pool, consoleBaseUrl: config.CONSOLE_URL, now, onChange }),
    configRoutes({ pool, config: configCache, now }),
    reportingRoutes({ pool }),
  );
  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));

  const server = createServer(app);
  let port: number;
  try {
    port = await listen(server, config.ALERTING_PORT, config.HOST);
  } catch (err) {
    await pool.end();
    await enginePool.end();
    await serviceLogger.close();
    throw err;
  }
  if (extras.autoStart === false) await engine.restore();
  else await engine.start();
  if (config.ALERT_PIPELINE && extras.autoStart !== false) {
    alertEngine.start();
    outbox.start();
  }
  logger.info({ port }, 'alerting listening');

  return {
    port,
    registry,
    engine,
    bus,
    intake,
    alertEngine,
    outbox,
    async close() {
      unsubscribeSlo();
      await engine.stop();
      await alertEngine.stop();
      await outbox.stop();
      routes.closeStreams();
      await closeServer(server);
      await pool.end();
      await enginePool.end();
      await serviceLogger.close();
    },
  };
}
