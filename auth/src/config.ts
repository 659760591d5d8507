import { bool, loadConfig, logLevel, port, postgresUrl, url } from '@sightline/config';
import type { Env } from '@sightline/config';
import { z } from 'zod';
import { parseCidrList } from './net/parseCidrList';

const seconds = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** AuthConfigSchema is auth's configuration; keys are environment variable names. */
export const AuthConfigSchema = z
  .object({
    AUTH_PORT: port(8081),
    HOST: z.string().min(1).default('127.0.0.1'),
    NODE_ENV: z.string().default('development'),
    DATABASE_URL: postgresUrl(),
    INTERNAL_TOKEN: z.string().min(16, 'must be at least 16 characters'),
    ADMIN_EMAIL: z.string().email().max(254).default('admin@sightline.local'),
    ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(1024).optional(),
    SEED_DEMO: bool(false),
    ACCESS_TOKEN_TTL_SECONDS: seconds(30, 86_400, 900),
    REFRESH_TOKEN_TTL_SECONDS: seconds(60, 90 * 86_400, 7 * 86_400),
    REFRESH_FAMILY_TTL_SECONDS: seconds(60, 365 * 86_400, 30 * 86_400),
    SIGNING_KEY_RETIRE_MARGIN_SECONDS: seconds(60, 86_400, 300),
    SIGNING_KEYS_MAX_PUBLISHED: z.coerce.number().int().min(2).max(100).default(10),
    PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
    PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(10_000).default(64),
    AUTH_KEY_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(v), {
        message: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)',
      })
      .optional(),
    TRUSTED_PROXY_CIDRS: z
      .string()
      .default('')
      .transform((v, ctx) => {
        const parsed = parseCidrList(v);
        if (typeof parsed === 'string') {
          ctx.addIssue({ code: 'custom', message: parsed });
          return z.NEVER;
        }
        return parsed;
      }),
    LOGIN_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
    LOGIN_LOCKOUT_WINDOW_SECONDS: seconds(1, 86_400, 900),
    LOGIN_LOCKOUT_SECONDS: seconds(1, 86_400, 900),
    ISSUER: z.string().min(1).default('sightline-auth'),
    OTLP_ENDPOINT: url(['http', 'https']).optional(),
    TRACE_SAMPLE_RATIO: z.coerce.number().min(0).max(1).default(1),
    LOG_LEVEL: logLevel(),
  })
  .superRefine((c, ctx) => {
    // A production database must never hold the key that decrypts its own signing keys.
    if (c.NODE_ENV === 'production' && c.AUTH_KEY_ENCRYPTION_KEY === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_KEY_ENCRYPTION_KEY'],
        message: 'is required when NODE_ENV=production',
      });
    }
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
