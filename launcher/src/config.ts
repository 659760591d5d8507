import { join, resolve } from 'node:path';
import { z } from 'zod';
import { bool, loadConfig, postgresUrl, redisUrl } from '@sightline/config';
import { PORTS } from '@sightline/contracts';

/** repoRoot is the checkout the launcher runs from (the bundle lives in launcher/dist). */
export const repoRoot = resolve(__dirname, '..', '..');

/** LauncherConfigSchema lists what `npm start` reads from the environment; everything has a default. */
export const LauncherConfigSchema = z.object({
  DATABASE_URL: postgresUrl().optional(),
  REDIS_URL: redisUrl().optional(),
  SIGHTLINE_DATA_DIR: z.string().default(join(repoRoot, '.sightline')),
  // Every default port plus the offset must stay a port: the highest, embedded Postgres' 54329, bounds it.
  PORT_OFFSET: z.coerce
    .number()
    .int()
    .min(0)
    .max(
      65535 - Math.max(...Object.values(PORTS)),
      `must keep every port ≤ 65535 (at most ${65535 - Math.max(...Object.values(PORTS))})`,
    )
    .default(0),
  DEMO_TRAFFIC: bool(true),
  ECHO_ACCESS_LOGS: bool(false),
  DEMO_RPS: z.coerce.number().min(0).max(500).default(5),
  ADMIN_EMAIL: z.string().email().default('admin@sightline.local'),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  START_TIMEOUT_S: z.coerce.number().int().min(5).max(600).default(90),
});

/** LauncherConfig is the parsed launcher configuration. */
export type LauncherConfig = z.infer<typeof LauncherConfigSchema>;

/** loadLauncherConfig parses the environment once at start. */
export function loadLauncherConfig(env: NodeJS.ProcessEnv = process.env): LauncherConfig {
  return loadConfig(LauncherConfigSchema, env);
}
