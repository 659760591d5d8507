import { bool, loadConfig, logLevel, port, postgresUrl, url } from '@sightline/config';
import type { Env } from '@sightline/config';
import { PORTS } from '@sightline/contracts';
import { z } from 'zod';
import { ApiKeyParseError, ApiKeyTenants } from './processors/tenant/ApiKeyTenants';

const MIB = 1024 * 1024;

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    );

/** DEFAULT_BLOCKED_KEYS are attribute keys whose values are always redacted. */
export const DEFAULT_BLOCKED_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'passwd',
  'secret',
  'api_key',
  'x-api-key',
  'http.request.header.authorization',
  'http.request.header.cookie',
  'http.request.header.x-api-key',
  'http.response.header.set-cookie',
].join(',');

const S3_SETTINGS = [
  'ARCHIVE_S3_PREFIX',
  'ARCHIVE_S3_REGION',
  'ARCHIVE_S3_ENDPOINT',
  'ARCHIVE_S3_KMS_KEY_ID',
] as const;

// Keys and secrets come from the AWS provider chain, never from a URL that would end up in logs.
function withoutUserinfo(value: string): boolean {
  try {
    const u = new URL(value);
    return u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** searchPrefix names a search engine's data streams, template and lifecycle policy. */
const searchPrefix = () =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,60}$/, 'must be lower-case letters, digits, _ or -')
    .default('sightline');

/** awsRegion is an AWS region name, optional. */
const awsRegion = () =>
  z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a region name such as eu-west-1')
    .optional();

const fields = z.object({
  COLLECTOR_PORT: port(PORTS.collector),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl(),
  INTERNAL_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  MAX_BODY_BYTES: int(1024, 256 * MIB, 4 * MIB),
  SLI_SERVICES: list('gateway'),
  ROLLUP_FLUSH_MS: int(10, 60_000, 200),
  ROLLUP_MAX_PENDING: int(100, 10_000_000, 100_000),
  LOG_LEVEL: logLevel(),
  COLLECTOR_API_KEYS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      try {
        return ApiKeyTenants.parse(v);
      } catch (err) {
        if (!(err instanceof ApiKeyParseError)) throw err;
        ctx.addIssue({ code: 'custom', message: err.message });
        return z.NEVER;
      }
    }),
  COLLECTOR_REQUIRE_API_KEY: bool(false),
  MEMORY_LIMIT_BYTES: int(MIB, 16 * 1024 * MIB, 256 * MIB),
  MEMORY_LIMIT_REQUESTS: int(1, 100_000, 512),
  REDACTION_ENABLED: bool(true),
  REDACTION_ALLOW_KEYS: list('tenant.id,service.name'),
  REDACTION_BLOCK_KEYS: list(DEFAULT_BLOCKED_KEYS),
  REDACT_SPAN_NAMES: bool(false),
  SPANMETRICS_MAX_SERIES: int(1, 1_000_000, 2000),
  QUEUE_DIR: z.string().min(1).default('.data/collector/queue'),
  QUEUE_MAX_BYTES: int(MIB, 1024 * 1024 * MIB, 1024 * MIB),
  QUEUE_SEGMENT_BYTES: int(64 * 1024, 1024 * MIB, 16 * MIB),
  EXPORT_BATCH_MAX_RECORDS: int(1, 100_000, 1000),
  EXPORT_RETRY_INITIAL_MS: int(1, 600_000, 500),
  EXPORT_RETRY_MAX_MS: int(1, 3_600_000, 30_000),
  EXPORT_TIMEOUT_MS: int(100, 600_000, 10_000),
  JAEGER_OTLP_URL: url(['http', 'https']).optional(),
  ELASTICSEARCH_URL: url(['http', 'https']).optional(),
  ELASTICSEARCH_PREFIX: searchPrefix(),
  ELASTICSEARCH_RETENTION_DAYS: int(1, 3650, 7),
  OPENSEARCH_URL: url(['http', 'https']).optional(),
  OPENSEARCH_PREFIX: searchPrefix(),
  OPENSEARCH_RETENTION_DAYS: int(1, 3650, 7),
  OPENSEARCH_AWS_REGION: awsRegion(),
  RETENTION_DAYS: int(1, 3650, 7),
  PARTITIONS_AHEAD_DAYS: int(1, 60, 3),
  RETENTION_INTERVAL_MS: int(1000, 86_400_000, 3_600_000),
  ARCHIVE_DIR: z.string().min(1).default('.data/collector/archive'),
  ARCHIVE_S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be an S3 bucket name (3-63 lower-case letters, digits, . or -)',
    )
    .optional(),
  // Optional rather than defaulted: S3Archive applies its default, and a local-only config stays as it was.
  ARCHIVE_S3_PREFIX: z
    .string()
    .regex(
      /^([A-Za-z0-9!_.*'()-]+\/)*$/,
      "must be empty or path segments each ending in '/', without a leading '/'",
    )
    .optional(),
  ARCHIVE_S3_REGION: awsRegion(),
  ARCHIVE_S3_ENDPOINT: url(['http', 'https'])
    .refine(withoutUserinfo, { message: 'must not carry credentials' })
    .optional(),
  ARCHIVE_S3_KMS_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9:/_+=,.@-]{1,2048}$/, 'must be a KMS key id, key ARN, alias name or alias ARN')
    .optional(),
});

/** CollectorConfigSchema is the collector's environment: variable names are the keys. */
export const CollectorConfigSchema = fields.superRefine((config, ctx) => {
  if (config.OPENSEARCH_AWS_REGION !== undefined) {
    if (config.OPENSEARCH_URL === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['OPENSEARCH_URL'],
        message: 'required when OPENSEARCH_AWS_REGION is set',
      });
    else if (!withoutUserinfo(config.OPENSEARCH_URL))
      // SigV4 replaces the Authorization header: a user and password in the URL would be silently dropped.
      ctx.addIssue({
        code: 'custom',
        path: ['OPENSEARCH_URL'],
        message: 'must not carry a user and password when OPENSEARCH_AWS_REGION signs requests with SigV4',
      });
  }
  // An S3 setting without a bucket would silently leave archives on local disk (unencrypted by KMS, say).
  if (config.ARCHIVE_S3_BUCKET !== undefined) return;
  const stray = S3_SETTINGS.find((key) => config[key] !== undefined);
  if (stray)
    ctx.addIssue({ code: 'custom', path: ['ARCHIVE_S3_BUCKET'], message: `required when ${stray} is set` });
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
