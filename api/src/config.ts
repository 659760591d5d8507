import { loadConfig, logLevel, port, url } from '@sightline/config';
import type { Env } from '@sightline/config';
import { PORTS } from '@sightline/contracts';
import { z } from 'zod';

const httpUrl = (fallback: string) => url(['http', 'https']).default(fallback);

/** ApiConfigSchema is the api's configuration; keys are environment variable names. */
export const ApiConfigSchema = z.object({
  API_PORT: port(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  AUTH_URL: httpUrl('http://127.0.0.1:8081'),
  AUTH_ISSUER: z.string().min(1).default('sightline-auth'),
  COLLECTOR_URL: httpUrl('http://127.0.0.1:4318'),
  GATEWAY_ADMIN_URL: httpUrl('http://127.0.0.1:8090'),
  ALERTING_URL: httpUrl('http://127.0.0.1:9095'),
  REPORTS_URL: httpUrl(`http://127.0.0.1:${PORTS.reports}`),
  INTERNAL_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  CONSOLE_ORIGINS: z
    .string()
    .default('http://127.0.0.1:3000,http://localhost:3000')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    )
    .pipe(
      z.array(
        z.string().regex(/^https?:\/\/[^/\s,]+$/, 'each origin must be scheme://host[:port] with no path'),
      ),
    ),
  LOG_LEVEL: logLevel(),
});

/** ApiConfig is the api's parsed configuration. */
export type ApiConfig = z.output<typeof ApiConfigSchema>;

/** loadApiConfig parses the api's configuration from the environment (and *_FILE secrets). */
export function loadApiConfig(
  env: Env = process.env,
  explicit: Partial<z.input<typeof ApiConfigSchema>> = {},
): ApiConfig {
  return loadConfig(ApiConfigSchema, env, explicit);
}
