import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, freePort, redisTestPrefix, redisUrl } from '@sightline/testing';
import { bundleService } from './bundleService';
import type { CleanupStack } from './CleanupStack';
import { repoRoot } from './repoRoot';
import type { NodeService } from './startNodeService';
import { startNodeService } from './startNodeService';

/** FUZZ_SERVICES are the services the fuzz drill runs, each as its own process. */
export const FUZZ_SERVICES = ['collector', 'auth', 'gateway', 'alerting', 'reports', 'api'] as const;
/** FuzzService names one of FUZZ_SERVICES. */
export type FuzzService = (typeof FUZZ_SERVICES)[number];

/** FuzzStage is the platform's services running from source on one fresh database, with the secrets to call them. */
export interface FuzzStage {
  /** urls are each service's base URL (the gateway's is its admin port). */
  urls: Record<FuzzService, string>;
  services: Record<FuzzService, NodeService>;
  internalToken: string;
  pagerDutySecret: string;
  /** adminToken is the seeded platform super_admin's access token, issued by the real auth. */
  adminToken: string;
  /** refreshToken is that session's refresh token. */
  refreshToken: string;
  admin: { email: string; password: string };
  /** client is an OAuth2 machine client of tenant `acme`, for the client-credentials grant. */
  client: { id: string; secret: string; tenant: string };
}

const TOKEN_TTL_SECONDS = 86_400;

/**
 * startFuzzStage bundles and starts collector, auth, gateway, alerting, reports and api on free loopback ports,
 * wired to each other as the launcher wires them, on one fresh database and the machine's Redis; it then signs in as
 * the seeded super_admin and creates an OAuth2 client. Nothing the services do reaches beyond 127.0.0.1: alerting's
 * notification pipeline is off (fuzzed channels must not be called) and reports have no Chromium and no SMTP.
 */
export async function startFuzzStage(cleanup: CleanupStack, log: (line: string) => void): Promise<FuzzStage> {
  const db = await createTestDatabase('sl_fuzz');
  cleanup.push({ close: () => db.drop(), onExit: () => undefined });
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-fuzz-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  cleanup.push({ close: removeDir, onExit: removeDir });
  const bundles = Object.fromEntries(
    await Promise.all(FUZZ_SERVICES.map(async (s) => [s, await bundleService(s, cleanup)] as const)),
  ) as Record<FuzzService, string>;
  const ports: Record<string, number> = {};
  for (const name of [...FUZZ_SERVICES, 'gatewayProxy']) ports[name] = await freePort();
  const local = (port: number | undefined) => `http://127.0.0.1:${port}`;
  const urls = Object.fromEntries(FUZZ_SERVICES.map((s) => [s, local(ports[s])])) as Record<
    FuzzService,
    string
  >;
  const internalToken = randomBytes(24).toString('hex');
  const pagerDutySecret = randomBytes(16).toString('hex');
  const admin = { email: 'fuzz-admin@sightline.dev', password: randomBytes(12).toString('hex') };
  const common = {
    DATABASE_URL: db.url,
    INTERNAL_TOKEN: internalToken,
    LOG_LEVEL: 'warn',
    OTEL_SDK_DISABLED: 'true',
  };
  const slos = join(repoRoot(), 'rules', 'slos');
  const env: Record<FuzzService, Record<string, string>> = {
    collector: {
      ...common,
      COLLECTOR_PORT: String(ports.collector),
      QUEUE_DIR: join(dataDir, 'queue'),
      ARCHIVE_DIR: join(dataDir, 'archive'),
    },
    auth: {
      ...common,
      AUTH_PORT: String(ports.auth),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      AUTH_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ACCESS_TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS),
      TRUSTED_PROXY_CIDRS: '127.0.0.1/32',
    },
    gateway: {
      ...common,
      GATEWAY_PORT: String(ports.gatewayProxy),
      GATEWAY_ADMIN_PORT: String(ports.gateway),
      UPSTREAM_URL: local(ports.gatewayProxy),
      AUTH_URL: urls.auth,
      REDIS_URL: redisUrl(),
      REDIS_KEY_PREFIX: redisTestPrefix('fuzz'),
      SEED_DEMO: 'true',
      ACCESS_LOG: 'false',
      TRACING: 'false',
    },
    alerting: {
      ...common,
      ALERTING_PORT: String(ports.alerting),
      COLLECTOR_URL: urls.collector,
      AUTH_URL: urls.auth,
      SLO_SPECS_DIR: slos,
      PAGERDUTY_WEBHOOK_SECRETS: pagerDutySecret,
      ALERT_PIPELINE: 'false',
    },
    reports: {
      ...common,
      REPORTS_PORT: String(ports.reports),
      COLLECTOR_URL: urls.collector,
      ALERTING_URL: urls.alerting,
      GATEWAY_ADMIN_URL: urls.gateway,
      SLO_SPECS_DIR: slos,
      REPORT_SCHEDULE: 'false',
      // A job a fuzzed request queues fails at the PDF step at once instead of loading the machine with Chromium.
      CHROMIUM_PATH: '/bin/false',
      JOB_MAX_ATTEMPTS: '1',
    },
    api: {
      ...common,
      API_PORT: String(ports.api),
      AUTH_URL: urls.auth,
      COLLECTOR_URL: urls.collector,
      GATEWAY_ADMIN_URL: urls.gateway,
      ALERTING_URL: urls.alerting,
      REPORTS_URL: urls.reports,
    },
  };
  const services = {} as Record<FuzzService, NodeService>;
  const start = async (name: FuzzService) => {
    services[name] = await startNodeService(
      {
        name,
        bundle: bundles[name],
        env: env[name],
        readyUrl: `${urls[name]}/healthz`,
        startTimeoutMs: 40_000,
      },
      cleanup,
    );
  };
  // Each service migrates its own schema; starting them one by one avoids migration lock waits on 2 cores.
  await Promise.all([start('collector'), start('auth')]);
  await Promise.all([start('gateway'), start('alerting')]);
  await Promise.all([start('reports'), start('api')]);
  log(`services up: ${FUZZ_SERVICES.map((s) => `${s} pid ${services[s].pid}`).join(', ')}`);

  const session = await signIn(urls.auth, admin);
  const client = await createClient(urls.auth, session.accessToken);
  return {
    urls,
    services,
    internalToken,
    pagerDutySecret,
    adminToken: session.accessToken,
    refreshToken: session.refreshToken,
    admin,
    client,
  };
}

async function signIn(
  authUrl: string,
  admin: { email: string; password: string },
): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await fetch(`${authUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (res.status !== 200)
    throw new Error(`fuzz stage: admin login answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { accessToken: string; refreshToken: string };
}

async function createClient(
  authUrl: string,
  token: string,
): Promise<{ id: string; secret: string; tenant: string }> {
  const tenant = 'acme';
  const res = await fetch(`${authUrl}/admin/v1/tenants/${tenant}/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'fuzz client', roles: ['viewer'] }),
  });
  if (res.status !== 201)
    throw new Error(`fuzz stage: client creation answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { clientId: string; clientSecret: string };
  return { id: body.clientId, secret: body.clientSecret, tenant };
}
