import { createServer } from 'node:http';
import { createDb, createPool, migrateToLatest } from '@sightline/db';
import { closeServer, errorMiddleware, healthRoutes, listen, notFoundHandler } from '@sightline/http';
import { createLogger, createMetrics } from '@sightline/telemetry';
import express from 'express';
import { collectorMetrics } from './collectorMetrics';
import type { CollectorConfig } from './config';
import { internalRoutes } from './internal/internalRoutes';
import { SseHub } from './internal/SseHub';
import { RollupAccumulator } from './processors/RollupAccumulator';
import { RollupEvents } from './processors/RollupEvents';
import { RollupFlusher } from './processors/RollupFlusher';
import { otlpReceiverRoutes } from './receivers/otlpReceiverRoutes';
import { collectorMigrations, COLLECTOR_SCHEMA } from './store/collectorMigrations';
import { CollectorStore } from './store/CollectorStore';

/** CollectorHandle is a running collector: the port it bound and how to stop it. */
export interface CollectorHandle {
  port: number;
  /** close stops receiving, flushes pending rollups and releases the database pool. */
  close(): Promise<void>;
}

/**
 * startCollector migrates the collector schema, then serves the OTLP receivers, the internal API and health routes.
 * The collector logs with pino only: it never sends its own spans, which would loop back into itself.
 */
export async function startCollector(config: CollectorConfig): Promise<CollectorHandle> {
  const logger = createLogger({ service: 'collector', level: config.LOG_LEVEL });
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    applicationName: 'collector',
    onError: (err) => logger.warn({ err }, 'idle database client failed'),
  });
  try {
    await migrateToLatest(createDb(pool), COLLECTOR_SCHEMA, collectorMigrations);
  } catch (err) {
    await pool.end();
    throw err;
  }

  const store = CollectorStore.fromPool(pool);
  const registry = createMetrics('collector');
  const metrics = collectorMetrics(registry);
  const accumulator = new RollupAccumulator(config.SLI_SERVICES);
  const events = new RollupEvents();
  const flusher = new RollupFlusher({
    accumulator,
    store,
    events,
    logger,
    intervalMs: config.ROLLUP_FLUSH_MS,
    onFlushError: () => metrics.rollupFlushFailures.inc(),
  });
  const sse = new SseHub(events);

  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes({ registry, ready: () => store.ping() }));
  app.use(otlpReceiverRoutes({ store, accumulator, metrics, logger, maxBodyBytes: config.MAX_BODY_BYTES }));
  app.use('/internal/v1', internalRoutes({ store, sse, internalToken: config.INTERNAL_TOKEN }));
  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));

  const server = createServer(app);
  let port: number;
  try {
    port = await listen(server, config.COLLECTOR_PORT, config.HOST);
  } catch (err) {
    await pool.end();
    throw err;
  }
  flusher.start();
  logger.info({ port, host: config.HOST, sliServices: config.SLI_SERVICES }, 'collector listening');

  let closing: Promise<void> | null = null;
  return {
    port,
    close() {
      closing ??= (async () => {
        sse.closeAll();
        await closeServer(server);
        await flusher.stop();
        await pool.end();
        logger.info('collector stopped');
      })();
      return closing;
    },
  };
}
