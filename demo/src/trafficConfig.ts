import { z } from 'zod';
import type { Env } from '@sightline/config';
import { loadConfig, logLevel, url } from '@sightline/config';

/** trafficConfigSchema is the traffic generator's environment, keyed by variable name. */
export const trafficConfigSchema = z.object({
  GATEWAY_URL: url(['http', 'https']).default('http://127.0.0.1:8080'),
  DEMO_RPS: z.coerce.number().positive().max(1000).default(5),
  DEMO_DURATION_S: z.coerce.number().min(0).default(0),
  LOG_LEVEL: logLevel(),
});

/** TrafficConfig is the parsed traffic generator configuration. */
export type TrafficConfig = z.output<typeof trafficConfigSchema>;

/** loadTrafficConfig parses the traffic generator's configuration; a bad value throws ConfigError naming it. */
export function loadTrafficConfig(env: Env = process.env): TrafficConfig {
  return loadConfig(trafficConfigSchema, env);
}
