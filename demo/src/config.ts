import { z } from 'zod';
import type { Env } from '@sightline/config';
import { loadConfig, logLevel, port, url } from '@sightline/config';

/** demoUpstreamConfigSchema is the demo upstream's environment, keyed by variable name. */
export const demoUpstreamConfigSchema = z.object({
  DEMO_UPSTREAM_PORT: port(8070),
  HOST: z.string().min(1).default('127.0.0.1'),
  OTLP_ENDPOINT: url(['http', 'https']).optional(),
  LOG_LEVEL: logLevel(),
});

/** DemoUpstreamConfig is the parsed demo upstream configuration. */
export type DemoUpstreamConfig = z.output<typeof demoUpstreamConfigSchema>;

/** loadDemoUpstreamConfig parses the demo upstream's configuration; a bad value throws ConfigError naming it. */
export function loadDemoUpstreamConfig(
  env: Env = process.env,
  explicit: Partial<z.input<typeof demoUpstreamConfigSchema>> = {},
): DemoUpstreamConfig {
  return loadConfig(demoUpstreamConfigSchema, env, explicit);
}
