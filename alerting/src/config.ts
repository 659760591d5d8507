import { resolve } from 'node:path';
import { bool, loadConfig, logLevel, port, postgresUrl, url } from '@sightline/config';
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
  // 4 s keeps a breach → page under 5 s at the defaults (half an interval on average, a whole one at worst).
  EVAL_INTERVAL_MS: int(100, 10_000, 4000),
  HISTORY_RETENTION_DAYS: int(1, 3650, 35),
  ALERT_EVENT_RETENTION_DAYS: int(1, 3650, 90),
  /** ALERT_INTAKE_TOKEN is the bearer token Prometheus and Alertmanager send; it defaults to INTERNAL_TOKEN. */
  ALERT_INTAKE_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** PAGERDUTY_WEBHOOK_SECRETS are the v3 webhook signing secrets, comma-separated (two during a rotation). */
  PAGERDUTY_WEBHOOK_SECRETS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .default([]),
  /** PAGERDUTY_ROUTING_KEY seeds a PagerDuty channel into the default escalation policy. */
  PAGERDUTY_ROUTING_KEY: z
    .string()
    .regex(/^[A-Za-z0-9]{32}$/, 'must be a 32-character integration key')
    .optional(),
  PAGERDUTY_EVENTS_URL: url(['http', 'https']).default('https://events.pagerduty.com/v2/enqueue'),
  /** SLACK_WEBHOOK_URL seeds a Slack channel into the default escalation policy. */
  SLACK_WEBHOOK_URL: url(['http', 'https']).optional(),
  SMTP_URL: url(['smtp', 'smtps']).optional(),
  SMTP_FROM: z.email().default('sightline@localhost'),
  CONSOLE_URL: url(['http', 'https']).default(`http://127.0.0.1:${PORTS.dashboard}`),
  ALERT_PIPELINE: bool(true),
  ALERT_TICK_MS: int(20, 10_000, 250),
  OUTBOX_POLL_MS: int(20, 10_000, 250),
  NOTIFY_MAX_ATTEMPTS: int(1, 100, 12),
  NOTIFY_BACKOFF_MS: int(10, 600_000, 1000),
  NOTIFY_TIMEOUT_MS: int(100, 60_000, 10_000),
  INTAKE_MAX_BODY_BYTES: int(1024, 64 * 1024 * 1024, 5 * 1024 * 1024),
  RESOLVE_TIMEOUT_SECONDS: int(1, 86_400, 300),
  SILENCE_REMIND_AFTER_SECONDS: int(1, 30 * 86_400, 86_400),
  SILENCE_REMIND_EVERY_SECONDS: int(1, 30 * 86_400, 86_400),
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
