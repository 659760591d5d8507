import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Env } from '@sightline/config';
import { ConfigError, bool, loadConfig, logLevel, port, postgresUrl, redisUrl, url } from '@sightline/config';
import { parseCidr } from './net/IpMatcher';
import type { RouteSpec } from './routes/RouteSpec';
import { RouteTableSpec } from './routes/RouteSpec';

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;

const list = () =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );

const cidrList = () =>
  list().superRefine((cidrs, ctx) => {
    for (const c of cidrs) {
      try {
        parseCidr(c);
      } catch {
        ctx.addIssue({ code: 'custom', message: `not a CIDR: ${c}` });
      }
    }
  });

const routesJson = () =>
  z
    .string()
    .optional()
    .transform((v, ctx): RouteSpec[] | undefined => {
      if (v === undefined || v.trim() === '') return undefined;
      let doc: unknown;
      try {
        doc = JSON.parse(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array of routes' });
        return z.NEVER;
      }
      const parsed = RouteTableSpec.safeParse(doc);
      if (!parsed.success) {
        const i = parsed.error.issues[0]!;
        ctx.addIssue({ code: 'custom', message: `${i.path.join('.') || 'routes'}: ${i.message}` });
        return z.NEVER;
      }
      return parsed.data;
    });

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** CaBundle is a PEM CA bundle read at start: the file it came from and its certificates. */
export interface CaBundle {
  file: string;
  /** Every certificate of the file, PEM, one after the other. */
  pem: string;
}

// Read once at start, so a missing or wrong file stops the gateway instead of surfacing as TLS errors later.
const caBundleFile = () =>
  z
    .string()
    .min(1)
    .optional()
    .transform((file, ctx): CaBundle | undefined => {
      if (file === undefined) return undefined;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        ctx.addIssue({
          code: 'custom',
          message: `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        });
        return z.NEVER;
      }
      const blocks = text.match(PEM_CERTIFICATE) ?? [];
      if (blocks.length === 0) {
        ctx.addIssue({ code: 'custom', message: `${file} holds no PEM certificate` });
        return z.NEVER;
      }
      for (const [i, block] of blocks.entries()) {
        try {
          new X509Certificate(block);
        } catch {
          ctx.addIssue({
            code: 'custom',
            message: `certificate ${i + 1} of ${file} is not a valid certificate`,
          });
          return z.NEVER;
        }
      }
      return { file, pem: blocks.join('\n') + '\n' };
    });

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** gatewayConfigSchema is the gateway's environment, keyed by variable name. */
export const gatewayConfigSchema = z.object({
  GATEWAY_PORT: port(8080),
  GATEWAY_ADMIN_PORT: port(8090),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** GATEWAY_TLS_CERT_FILE is the PEM certificate chain the proxy serves when it terminates TLS itself. */
  GATEWAY_TLS_CERT_FILE: z.string().min(1).optional(),
  /** GATEWAY_TLS_KEY_FILE is the unencrypted PEM private key of GATEWAY_TLS_CERT_FILE; set both or neither. */
  GATEWAY_TLS_KEY_FILE: z.string().min(1).optional(),
  /** GATEWAY_TLS_MIN_VERSION is the lowest TLS version the proxy accepts; nothing below 1.2 can be chosen. */
  GATEWAY_TLS_MIN_VERSION: z.enum(['TLSv1.2', 'TLSv1.3']).default('TLSv1.2'),
  /** GATEWAY_TLS_CHECK_MS is how often the certificate files are compared, besides watching them. */
  GATEWAY_TLS_CHECK_MS: int(100, 3_600_000, 10_000),
  DATABASE_URL: postgresUrl(),
  REDIS_URL: redisUrl().optional(),
  REDIS_CLUSTER_NODES: list().refine((nodes) => nodes.every((n) => HOST_PORT.test(n)), {
    message: 'must be a comma-separated list of host:port',
  }),
  /** REDIS_CLUSTER_PASSWORD is the AUTH password of every cluster node (ElastiCache's auth token); prefer _FILE. */
  REDIS_CLUSTER_PASSWORD: z.string().min(1).max(512).optional(),
  /** REDIS_CLUSTER_TLS connects to the cluster nodes over TLS (ElastiCache in-transit encryption). */
  REDIS_CLUSTER_TLS: bool(false),
  /**
   * REDIS_TLS_CA_FILE is a PEM CA bundle that verifies the Redis servers' certificates instead of the system CAs
   * (a self-managed Redis with a private CA); it applies with REDIS_CLUSTER_TLS=true or a rediss:// REDIS_URL.
   */
  REDIS_TLS_CA_FILE: caBundleFile(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{0,64}$/, 'must be up to 64 of [A-Za-z0-9:_.-]')
    .default('sl:gw:'),
  REDIS_COMMAND_TIMEOUT_MS: int(1, 10_000, 50),
  LIMITER_BREAKER_FAILURES: int(1, 1_000, 5),
  LIMITER_BREAKER_OPEN_MS: int(10, 600_000, 1_000),
  /** LIMITER_ENABLED=false is the operator's kill switch: no limiting, no Redis call, no RateLimit fields. */
  LIMITER_ENABLED: bool(true),
  GATEWAY_REPLICAS: int(1, 1_000, 1),
  UPSTREAM_URL: url(['http', 'https']).default('http://127.0.0.1:8070'),
  AUTH_URL: url(['http', 'https']).default('http://127.0.0.1:8081'),
  AUTH_ISSUER: z.string().min(1).default('sightline-auth'),
  ROUTES_JSON: routesJson(),
  TRUSTED_PROXY_CIDRS: cidrList(),
  MAX_BODY_BYTES: int(0, 2 ** 40, 10 * 1024 * 1024),
  MAX_HEADER_BYTES: int(1024, 1024 * 1024, 16 * 1024),
  INTERNAL_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  API_KEY_CACHE_TTL_MS: int(0, 3_600_000, 30_000),
  REVOCATION_POLL_MS: int(100, 600_000, 2_000),
  CONFIG_RECONCILE_MS: int(1_000, 3_600_000, 30_000),
  OTLP_ENDPOINT: url(['http', 'https']).optional(),
  TRACING: bool(true),
  TRACE_SAMPLE_RATIO: z.coerce.number().min(0).max(1).default(0.1),
  TRACE_EXPORT_DELAY_MS: int(10, 60_000, 200),
  TRACE_KEEP_SLOW_MS: int(0, 600_000, 1_000),
  SLI_METRICS: bool(true),
  SLI_EXPORT_MS: int(50, 60_000, 200),
  SEED_DEMO: bool(false),
  /**
   * ACCESS_LOG chooses the requests that get a `request completed` line: `sampled` (every 4xx, 5xx and slow request,
   * and the successes whose trace was kept; ADR 0015), `all` or `off`. `true` and `false` still mean all and off.
   */
  ACCESS_LOG: z
    .enum(['sampled', 'all', 'off', 'true', 'false'], {
      message: 'ACCESS_LOG must be sampled, all or off',
    })
    .default('sampled')
    .transform((v) => (v === 'true' ? 'all' : v === 'false' ? 'off' : v)),
  UPSTREAM_TIMEOUT_MS: int(1, 600_000, 10_000),
  LOG_LEVEL: logLevel(),
});

/** GatewayConfig is the parsed gateway configuration. */
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/** loadGatewayConfig parses the gateway's configuration once; a bad value throws ConfigError naming it. */
export function loadGatewayConfig(
  env: Env = process.env,
  explicit: Partial<z.input<typeof gatewayConfigSchema>> = {},
): GatewayConfig {
  const config = loadConfig(gatewayConfigSchema, env, explicit);
  // A certificate without its key (or the reverse) is a half-done TLS setup: refuse it rather than serve plain HTTP.
  if ((config.GATEWAY_TLS_CERT_FILE === undefined) !== (config.GATEWAY_TLS_KEY_FILE === undefined)) {
    const [missing, other] =
      config.GATEWAY_TLS_CERT_FILE === undefined
        ? ['GATEWAY_TLS_CERT_FILE', 'GATEWAY_TLS_KEY_FILE']
        : ['GATEWAY_TLS_KEY_FILE', 'GATEWAY_TLS_CERT_FILE'];
    throw new ConfigError(missing, `must be set together with ${other}`);
  }
  // A CA for a connection that is not TLS would be silently ignored, and the operator who set it expects TLS.
  const redisTls =
    config.REDIS_CLUSTER_NODES.length > 0
      ? config.REDIS_CLUSTER_TLS
      : config.REDIS_URL !== undefined && new URL(config.REDIS_URL).protocol === 'rediss:';
  if (config.REDIS_TLS_CA_FILE !== undefined && !redisTls)
    throw new ConfigError(
      'REDIS_TLS_CA_FILE',
      'is set but no Redis connection uses TLS (set REDIS_CLUSTER_TLS=true or use a rediss:// REDIS_URL)',
    );
  return config;
}
