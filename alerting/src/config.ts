import { resolve } from 'node:path';
import { loadConfig, logLevel, port, postgresUrl, url } from '@sightline/config';
import type { Env } from '@sightline/config';
import { PORTS } from '@sightline/contracts';
import { z } from 'zod';

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** DEFAULT_SLO_SPECS_DIR is the repo's rules/slos, found from src/ or from the bundle in dist/. */
export const DEFAULT_SLO_SPECS_DIR = resolve(__dirname, '..', '..', 'rules', 'slos');

/** AlertingConfigSchema is the alerting service's environment: variable names are the keys. */
export const AlertingConfigSchema = z.object({
  ALERTING_PORT: port(PORTS.alerting),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl(),
  INTERNAL_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  COLLECTOR_URL: url(['http', 'https']).default(`http://127.0.0.1:${PORTS.collector}`),
  COLLECTOR_TIMEOUT_MS: int(100, 60_000, 5000),
  AUTH_URL: url(['http', 'https']).default(`http://127.0.0.1:${PORTS.auth}`),
  SLO_SPECS_DIR: z.string().min(1).default(DEFAULT_SLO_SPECS_DIR),
  EVAL_INTERVAL_MS: int(100, 10_000, 10_000),
  HISTORY_RETENTION_DAYS: int(1, 3650, 35),
  ALERT_EVENT_RETENTION_DAYS: int(1, 3650, 90),
  LOG_LEVEL: logLevel(),
  OTLP_ENDPOINT: url(['http', 'https']).optional(),
});

/** AlertingConfig is the parsed alerting configuration. */
export type AlertingConfig = z.output<typeof AlertingConfigSchema>;

/** loadAlertingConfig parses the configuration once: defaults < env < explicit. */
export function loadAlertingConfig(
  env: Env = process.env,
  explicit: Partial<z.input<typeof AlertingConfigSchema>> = {},
): AlertingConfig {
  return loadConfig(AlertingConfigSchema, env, explicit);
}
