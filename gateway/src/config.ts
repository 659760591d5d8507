import { z } from 'zod';
import type { Env } from '@sightline/config';
import { bool, loadConfig, logLevel, port, postgresUrl, redisUrl, url } from '@sightline/config';

/** gatewayConfigSchema is the gateway's environment, keyed by variable name. */
export const gatewayConfigSchema = z.object({
  GATEWAY_PORT: port(8080),
  GATEWAY_ADMIN_PORT: port(8090),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl(),
  REDIS_URL: redisUrl().optional(),
  UPSTREAM_URL: url(['http', 'https']).default('http://127.0.0.1:8070'),
  AUTH_URL: url(['http', 'https']).default('http://127.0.0.1:8081'),
  INTERNAL_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  OTLP_ENDPOINT: url(['http', 'https']).optional(),
  TRACE_SAMPLE_RATIO: z.coerce.number().min(0).max(1).default(1),
  SEED_DEMO: bool(false),
  ACCESS_LOG: bool(true),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
  LOG_LEVEL: logLevel(),
});

/** GatewayConfig is the parsed gateway configuration. */
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/** loadGatewayConfig parses the gateway's configuration once; a bad value throws ConfigError naming it. */
export function loadGatewayConfig(
  env: Env = process.env,
  explicit: Partial<z.input<typeof gatewayConfigSchema>> = {},
): GatewayConfig {
  return loadConfig(gatewayConfigSchema, env, explicit);
}
