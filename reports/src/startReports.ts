import { createServer } from 'node:http';
import { createDb, createPool, migrateToLatest } from '@sightline/db';
import {
  closeServer,
  errorMiddleware,
  healthRoutes,
  listen,
  notFoundHandler,
  requireInternalToken,
  tenantErasureRoute,
} from '@sightline/http';
import { loadSpecs } from '@sightline/slo';
import { createMetrics, createServiceLogger } from '@sightline/telemetry';
import express from 'express';
import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import { reportRoutes } from './api/reportRoutes';
import type { ReportsConfig } from './config';
import { ReportArchive } from './db/ReportArchive';
import { REPORTS_SCHEMA, reportsMigrations } from './db/reportsMigrations';
import { ReportMailer } from './deliver/ReportMailer';
import { ReportGenerator } from './jobs/ReportGenerator';
import type { Printer } from './jobs/ReportGenerator';
import { ReportScheduler } from './jobs/ReportScheduler';
import { ReportWorker } from './jobs/ReportWorker';
import { PdfPrinter, renderExecutiveSummary, renderTenantReport } from './render';
import { PlatformSources } from './sources/PlatformSources';
import type { ReportSources } from './sources/ReportSources';

/** ReportsHandle is a running reports service. */
export interface ReportsHandle {
  port: number;
  registry: Registry;
  archive: ReportArchive;
  scheduler: ReportScheduler;
  worker: ReportWorker;
  /** close stops the loops, the server, Chromium and the pool. */
  close(): Promise<void>;
}

/** ReportsExtras are wiring hooks for tests. */
export interface ReportsExtras {
  sources?: ReportSources;
  printer?: Printer;
  now?: () => Date;
  /** autoStart false leaves the scheduler and worker stopped (tests drive them). */
  autoStart?: boolean;
}

/**
 * startReports migrates the reports schema, serves the internal report API and health routes, and runs the
 * Monday scheduler and the job worker (each replica runs both; Postgres makes every report happen once).
 */
export async function startReports(
  config: ReportsConfig,
  extras: ReportsExtras = {},
): Promise<ReportsHandle> {
  const serviceLogger = createServiceLogger({
    service: 'reports',
    level: config.LOG_LEVEL,
    otlpEndpoint: config.OTLP_ENDPOINT,
  });
  const logger = serviceLogger.logger;
  const slos = loadSpecs(config.SLO_SPECS_DIR, config.SLO_SPECS_DIR);
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    applicationName: 'reports',
    onError: (err) => logger.warn({ err }, 'idle database client failed'),
  });
  try {
    await migrateToLatest(createDb(pool), REPORTS_SCHEMA, reportsMigrations);
  } catch (err) {
    await pool.end();
    await serviceLogger.close();
    throw err;
  }
  const now = extras.now ?? (() => new Date());
  const registry = createMetrics('reports');
  const finished = new Counter({
    name: 'sightline_reports_jobs_total',
    help: 'Report jobs finished, by kind and outcome (done, retry, failed).',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
  });
  const archive = new ReportArchive(pool);
  new Gauge({
    name: 'sightline_reports_queued',
    help: 'Report jobs queued or running.',
    registers: [registry],
    async collect() {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM reports.reports WHERE status IN ('queued', 'running')`,
      );
      this.set(rows[0]!.n);
    },
  });
  const sources =
    extras.sources ??
    new PlatformSources({
      collectorUrl: config.COLLECTOR_URL,
      alertingUrl: config.ALERTING_URL,
      gatewayAdminUrl: config.GATEWAY_ADMIN_URL,
      internalToken: config.INTERNAL_TOKEN,
      timeoutMs: config.SOURCE_TIMEOUT_MS,
    });
  const printer =
    extras.printer ??
    new PdfPrinter({ executablePath: config.CHROMIUM_PATH, timeoutMs: config.PDF_TIMEOUT_MS });
  const generator = new ReportGenerator({
    sources,
    slos,
    printer,
    renderTenant: (r) => renderTenantReport(r, { consoleUrl: config.CONSOLE_URL }),
    renderExecutive: renderExecutiveSummary,
    now,
  });
  const mailer = config.SMTP_URL ? new ReportMailer(config.SMTP_URL, config.SMTP_FROM) : null;
  if (!mailer) logger.warn('SMTP_URL is not set: scheduled reports are archived but not e-mailed');
  const worker = new ReportWorker({
    archive,
    generator,
    sources,
    mailer,
    consoleUrl: config.CONSOLE_URL,
    logger,
    now,
    pollMs: config.JOB_POLL_MS,
    maxAttempts: config.JOB_MAX_ATTEMPTS,
    onFinished: (row, outcome) => finished.inc({ kind: row.kind, outcome }),
  });
  const scheduler = new ReportScheduler({
    archive,
    sources,
    logger,
    now,
    hour: config.REPORT_HOUR,
    executiveTimeZone: config.EXECUTIVE_TIME_ZONE,
    tickMs: config.SCHEDULE_TICK_MS,
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(
    healthRoutes({
      registry,
      ready: async () => {
        await pool.query('SELECT 1');
        return true;
      },
    }),
  );
  app.use(
    tenantErasureRoute({
      service: 'reports',
      internalToken: config.INTERNAL_TOKEN,
      erase: (tenantId) => archive.eraseTenant(tenantId),
      log: (fields, message) => logger.info(fields, message),
    }),
  );
  app.use(
    '/internal/v1',
    requireInternalToken(config.INTERNAL_TOKEN),
    reportRoutes({ archive, sources, executiveTimeZone: config.EXECUTIVE_TIME_ZONE, now }),
  );
  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));
  const server = createServer(app);
  let port: number;
  try {
    port = await listen(server, config.REPORTS_PORT, config.HOST);
  } catch (err) {
    await pool.end();
    await serviceLogger.close();
    throw err;
  }
  if (extras.autoStart !== false) {
    worker.start();
    if (config.REPORT_SCHEDULE) scheduler.start();
  }
  logger.info({ port }, 'reports listening');
  return {
    port,
    registry,
    archive,
    scheduler,
    worker,
    async close() {
      await scheduler.stop();
      await worker.stop();
      await closeServer(server);
      await printer.close();
      mailer?.close();
      await pool.end();
      await serviceLogger.close();
    },
  };
}
