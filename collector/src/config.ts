import { loadConfig, logLevel, port, postgresUrl } from '@sightline/config';
import type { Env } from '@sightline/config';
import { PORTS } from '@sightline/contracts';
import { z } from 'zod';

/** CollectorConfigSchema is the collector's environment: variable names are the keys. */
export const CollectorConfigSchema = z.object({
  COLLECTOR_PORT: port(PORTS.collector),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl(),
  INTERNAL_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(4 * 1024 * 1024),
  SLI_SERVICES: z
    .string()
    .default('gateway')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    ),
  ROLLUP_FLUSH_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  LOG_LEVEL: logLevel(),
});

/** CollectorConfig is the parsed collector configuration. */
export type CollectorConfig = z.output<typeof CollectorConfigSchema>;

/** loadCollectorConfig parses the collector's configuration once: defaults < env < explicit. */
export function loadCollectorConfig(
  env: Env = process.env,
  explicit: Partial<z.input<typeof CollectorConfigSchema>> = {},
): CollectorConfig {
  return loadConfig(CollectorConfigSchema, env, explicit);
}
