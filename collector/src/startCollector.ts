import { createServer } from 'node:http';
import path from 'node:path';
import { createDb, createPool, migrateToLatest } from '@sightline/db';
import {
  closeServer,
  errorMiddleware,
  healthRoutes,
  listen,
  notFoundHandler,
  tenantErasureRoute,
} from '@sightline/http';
import { createLogger, createMetrics, throttle } from '@sightline/telemetry';
import express from 'express';
import type { Registry } from 'prom-client';
import { collectorMetrics } from './collectorMetrics';
import type { CollectorMetrics } from './collectorMetrics';
import type { CollectorConfig } from './config';
import { FileDeadLetterSink } from './exporters/DeadLetterSink';
import type { Exporter } from './exporters/Exporter';
import { queuedExportersFromConfig } from './exporters/exporterRegistry';
import { PostgresExporter } from './exporters/postgres/PostgresExporter';
import { DiskQueue } from './exporters/queue/DiskQueue';
import type { SignalCounts } from './exporters/queue/DiskQueue';
import { QueuedExporter } from './exporters/queue/QueuedExporter';
import { eraseTenantTelemetry } from './erasure/eraseTenantTelemetry';
import { internalRoutes } from './internal/internalRoutes';
import { SseHub } from './internal/SseHub';
import { SignalPipeline } from './pipeline/SignalPipeline';
import { MemoryLimiter } from './processors/memoryLimiter/MemoryLimiter';
import type { Processor } from './processors/Processor';
import { Redactor } from './processors/redaction/Redactor';
import { RollupAccumulator } from './processors/rollups/RollupAccumulator';
import { RollupEvents } from './processors/rollups/RollupEvents';
import { RollupBroadcast } from './processors/rollups/RollupBroadcast';
import { RollupFlusher } from './processors/rollups/RollupFlusher';
import { SpanMetrics } from './processors/spanMetrics/SpanMetrics';
import { TenantAttribution } from './processors/tenant/TenantAttribution';
import { otlpReceiverRoutes } from './receivers/otlpReceiverRoutes';
import { createArchive } from './retention/createArchive';
import type { ArchiveDeps } from './retention/createArchive';
import { RetentionJob } from './retention/RetentionJob';
import { collectorMigrations, COLLECTOR_SCHEMA } from './store/collectorMigrations';
import { CollectorStore } from './store/CollectorStore';
import { PartitionManager } from './store/PartitionManager';

/** CollectorHandle is a running collector: the port it bound and how to stop it. */
export interface CollectorHandle {
  port: number;
  /** registry holds the collector's Prometheus metrics (also served on /metrics). */
  registry: Registry;
  /** retention runs partition upkeep and archiving; tests call run() directly. */
  retention: RetentionJob;
  /** close stops receiving, flushes pending rollups, stops the exporters and releases the database pool. */
  close(): Promise<void>;
}

/**
 * CollectorExtras are wiring hooks for tests: more exporters to queue to, beside the configured ones, and what the
 * archive takes besides configuration (S3 credentials instead of the AWS provider chain).
 */
export interface CollectorExtras {
  exporters?: Exporter[];
  archive?: ArchiveDeps;
}

/**
 * startCollector migrates the collector schema, then serves the OTLP receivers, the internal API and health routes.
 * The collector logs with pino only: it never sends its own spans, which would loop back into itself.
 */
export async function startCollector(
  config: CollectorConfig,
  extras: CollectorExtras = {},
): Promise<CollectorHandle> {
  const logger = createLogger({ service: 'collector', level: config.LOG_LEVEL });
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    applicationName: 'collector',
    onError: (err) => logger.warn({ err }, 'idle database client failed'),
  });
  const partitions = new PartitionManager(pool);
  try {
    await migrateToLatest(createDb(pool), COLLECTOR_SCHEMA, collectorMigrations);
    await partitions.ensureDays(new Date(), config.PARTITIONS_AHEAD_DAYS);
  } catch (err) {
    await pool.end();
    throw err;
  }

  const store = CollectorStore.fromPool(pool);
  const registry = createMetrics('collector');
  const metrics = collectorMetrics(registry);
  const deadLetters = new FileDeadLetterSink(path.join(config.QUEUE_DIR, 'dead-letters'));
  const exporters = [
    ...queuedExportersFromConfig(config, {
      deadLetters,
      onDeadLetter: (exporter, n) => metrics.deadLetters.inc({ exporter }, n),
    }),
    ...(extras.exporters ?? []),
  ];
  const queued: QueuedExporter[] = [];
  for (const exporter of exporters) {
    const queue = await DiskQueue.open(path.join(config.QUEUE_DIR, exporter.name), {
      maxBytes: config.QUEUE_MAX_BYTES,
      segmentBytes: Math.min(
        config.QUEUE_SEGMENT_BYTES,
        Math.max(64 * 1024, Math.floor(config.QUEUE_MAX_BYTES / 8)),
      ),
      onDrop: (counts, reason) => countDropped(metrics, exporter.name, counts, reason),
    });
    queued.push(
      new QueuedExporter(exporter, queue, {
        maxBatchRecords: config.EXPORT_BATCH_MAX_RECORDS,
        backoff: { initialMs: config.EXPORT_RETRY_INITIAL_MS, maxMs: config.EXPORT_RETRY_MAX_MS },
        logger,
        onOutcome: (name, outcome, counts) => {
          if (outcome === 'exported')
            countBySignal(counts, (signal, n) => metrics.exported.inc({ signal, exporter: name }, n));
          else if (outcome === 'rejected') {
            metrics.exportFailures.inc({ exporter: name, retryable: 'false' });
            countDropped(metrics, name, counts, 'rejected');
          } else metrics.exportFailures.inc({ exporter: name, retryable: 'true' });
        },
      }),
    );
  }
  const sampleQueues = (): void => {
    for (const q of queued) {
      metrics.queueRecords.set({ exporter: q.name }, q.queue.depth);
      metrics.queueBytes.set({ exporter: q.name }, q.queue.bytes);
    }
  };

  const onRollupDrop = throttle(30_000, (drop: { deltas: number; requests: number }, suppressed) =>
    logger.error(
      { ...drop, suppressed, maxPending: config.ROLLUP_MAX_PENDING },
      'rollup flushes keep failing: dropped the oldest SLI rollup deltas to stay within ROLLUP_MAX_PENDING',
    ),
  );
  const accumulator = new RollupAccumulator(config.SLI_SERVICES, {
    maxPending: config.ROLLUP_MAX_PENDING,
    onDrop: (deltas, requests) => {
      metrics.rollupDroppedRequests.inc(requests);
      onRollupDrop({ deltas, requests });
    },
  });
  const processors: Processor[] = [new TenantAttribution()];
  if (config.REDACTION_ENABLED)
    processors.push(
      new Redactor({
        allowKeys: config.REDACTION_ALLOW_KEYS,
        blockKeys: config.REDACTION_BLOCK_KEYS,
        redactSpanNames: config.REDACT_SPAN_NAMES,
      }),
    );
  const pipeline = new SignalPipeline({
    processors,
    durable: PostgresExporter.fromPool(pool),
    observers: [new SpanMetrics(registry, config.SPANMETRICS_MAX_SERIES), accumulator],
    queued,
    metrics,
    logger,
  });
  const limiter = new MemoryLimiter({
    maxInFlightBytes: config.MEMORY_LIMIT_BYTES,
    maxInFlightRequests: config.MEMORY_LIMIT_REQUESTS,
  });

  const events = new RollupEvents();
  const broadcast = new RollupBroadcast({ pool, connectionString: config.DATABASE_URL, events, logger });
  const flusher = new RollupFlusher({
    accumulator,
    store,
    events: broadcast,
    logger,
    intervalMs: config.ROLLUP_FLUSH_MS,
    onFlushError: () => metrics.rollupFlushFailures.inc(),
  });
  const sse = new SseHub(events);
  const archive = createArchive(config, extras.archive);
  const retention = new RetentionJob({
    pool,
    partitions,
    archive,
    logger,
    retentionDays: config.RETENTION_DAYS,
    daysAhead: config.PARTITIONS_AHEAD_DAYS,
    intervalMs: config.RETENTION_INTERVAL_MS,
  });

  const app = express();
  app.disable('x-powered-by');
  app.use('/metrics', (_req, _res, next) => {
    sampleQueues();
    metrics.rollupPending.set(accumulator.size);
    next();
  });
  app.use(healthRoutes({ registry, ready: () => store.ping() }));
  app.use(
    otlpReceiverRoutes({
      pipeline,
      limiter,
      apiKeys: config.COLLECTOR_API_KEYS,
      requireApiKey: config.COLLECTOR_REQUIRE_API_KEY,
      metrics,
      logger,
      maxBodyBytes: config.MAX_BODY_BYTES,
    }),
  );
  app.use(
    tenantErasureRoute({
      service: 'collector',
      internalToken: config.INTERNAL_TOKEN,
      erase: (tenantId) => eraseTenantTelemetry(pool, tenantId),
      log: (fields, message) => logger.info(fields, message),
    }),
  );
  app.use('/internal/v1', internalRoutes({ store, sse, internalToken: config.INTERNAL_TOKEN }));
  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));

  const server = createServer(app);
  let port: number;
  try {
    port = await listen(server, config.COLLECTOR_PORT, config.HOST);
  } catch (err) {
    await Promise.all(queued.map((q) => q.close()));
    await pool.end();
    throw err;
  }
  for (const q of queued) {
    void q.exporter.start().then((r) => {
      if (r.kind === 'failure') logger.warn({ exporter: q.name, reason: r.reason }, 'exporter start failed');
    });
    q.start();
  }
  await broadcast.start();
  flusher.start();
  retention.start();
  logger.info(
    { port, host: config.HOST, sliServices: config.SLI_SERVICES, exporters: queued.map((q) => q.name) },
    'collector listening',
  );

  let closing: Promise<void> | null = null;
  return {
    port,
    registry,
    retention,
    close() {
      closing ??= (async () => {
        sse.closeAll();
        await closeServer(server);
        await flusher.stop();
        await broadcast.stop();
        await retention.stop();
        await archive.close?.();
        await Promise.all(queued.map((q) => q.close()));
        await pool.end();
        logger.info('collector stopped');
      })();
      return closing;
    },
  };
}

function countBySignal(counts: SignalCounts, inc: (signal: string, n: number) => void): void {
  if (counts.spans > 0) inc('traces', counts.spans);
  if (counts.logs > 0) inc('logs', counts.logs);
  if (counts.metrics > 0) inc('metrics', counts.metrics);
}

function countDropped(
  metrics: CollectorMetrics,
  exporter: string,
  counts: SignalCounts,
  reason: string,
): void {
  countBySignal(counts, (signal, n) => metrics.dropped.inc({ signal, exporter, reason }, n));
}
