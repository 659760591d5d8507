import { bool, loadConfig, logLevel, port, postgresUrl } from '@sightline/config';
import type { Env } from '@sightline/config';
import { z } from 'zod';

/** AuthConfigSchema is auth's configuration; keys are environment variable names. */
export const AuthConfigSchema = z.object({
  AUTH_PORT: port(8081),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl(),
  INTERNAL_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  ADMIN_EMAIL: z.string().email().max(254).default('admin@sightline.local'),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(1024).optional(),
  SEED_DEMO: bool(false),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  ISSUER: z.string().min(1).default('sightline-auth'),
  LOG_LEVEL: logLevel(),
});

/** AuthConfig is auth's parsed configuration. */
export type AuthConfig = z.output<typeof AuthConfigSchema>;

/** loadAuthConfig parses auth's configuration from the environment (and *_FILE secrets). */
export function loadAuthConfig(
  env: Env = process.env,
  explicit: Partial<z.input<typeof AuthConfigSchema>> = {},
): AuthConfig {
  return loadConfig(AuthConfigSchema, env, explicit);
}
