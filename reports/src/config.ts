import { resolve } from 'node:path';
import { bool, loadConfig, logLevel, port, postgresUrl, url } from '@sightline/config';
import type { Env } from '@sightline/config';
import { PORTS } from '@sightline/contracts';
import { z } from 'zod';

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** DEFAULT_SLO_SPECS_DIR is the repo's rules/slos, found from src/ or from the bundle in dist/. */
export const DEFAULT_SLO_SPECS_DIR = resolve(__dirname, '..', '..', 'rules', 'slos');

/** ReportsConfigSchema is the reports service's environment: variable names are the keys. */
export const ReportsConfigSchema = z.object({
  REPORTS_PORT: port(PORTS.reports),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl(),
  INTERNAL_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  COLLECTOR_URL: url(['http', 'https']).default(`http://127.0.0.1:${PORTS.collector}`),
  ALERTING_URL: url(['http', 'https']).default(`http://127.0.0.1:${PORTS.alerting}`),
  GATEWAY_ADMIN_URL: url(['http', 'https']).default(`http://127.0.0.1:${PORTS.gatewayAdmin}`),
  SOURCE_TIMEOUT_MS: int(100, 120_000, 15_000),
  SLO_SPECS_DIR: z.string().min(1).default(DEFAULT_SLO_SPECS_DIR),
  /** REPORT_SCHEDULE: generate every tenant's report on Mondays at REPORT_HOUR local time. */
  REPORT_SCHEDULE: bool(true),
  REPORT_HOUR: int(0, 23, 8),
  /** EXECUTIVE_TIME_ZONE is where the executive summary's Monday REPORT_HOUR falls. */
  EXECUTIVE_TIME_ZONE: z
    .string()
    .refine(
      (tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC',
      'must be an IANA time zone',
    )
    .default('UTC'),
  SCHEDULE_TICK_MS: int(50, 3_600_000, 60_000),
  JOB_POLL_MS: int(20, 60_000, 1000),
  JOB_MAX_ATTEMPTS: int(1, 20, 3),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  PDF_TIMEOUT_MS: int(1000, 600_000, 60_000),
  SMTP_URL: url(['smtp', 'smtps']).optional(),
  SMTP_FROM: z.email().default('reports@sightline.localhost'),
  CONSOLE_URL: url(['http', 'https']).default(`http://127.0.0.1:${PORTS.dashboard}`),
  LOG_LEVEL: logLevel(),
  OTLP_ENDPOINT: url(['http', 'https']).optional(),
});

/** ReportsConfig is the parsed reports configuration. */
export type ReportsConfig = z.output<typeof ReportsConfigSchema>;

/** loadReportsConfig parses the configuration once: defaults < env < explicit. */
export function loadReportsConfig(
  env: Env = process.env,
  explicit: Partial<z.input<typeof ReportsConfigSchema>> = {},
): ReportsConfig {
  return loadConfig(ReportsConfigSchema, env, explicit);
}
