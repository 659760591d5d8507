import pg from 'pg';
import { DEMO_TENANTS } from '@sightline/contracts';
import type { TestDatabase } from '@sightline/testing';
import { createTestDatabase, redisTestPrefix, redisUrl } from '@sightline/testing';
import type { GatewayConfig } from '../../src/config';
import { loadGatewayConfig } from '../../src/config';
import type { GatewayHandle } from '../../src/startGateway';
import { startGateway } from '../../src/startGateway';
import type { FakeAuth } from './fakeAuth';
import { startFakeAuth } from './fakeAuth';
import type { FakeUpstream } from './fakeUpstream';
import { startFakeUpstream } from './fakeUpstream';
import type { TestTelemetry } from './testTelemetry';
import { createTestTelemetry } from './testTelemetry';
import { TestIssuer } from '@sightline/testing';

/** INTERNAL_TOKEN is the shared secret the harness gives the gateway and the fake auth. */
export const INTERNAL_TOKEN = 'test-internal-token-0123456789';

/** TEST_KEYS maps every API key the fake auth knows to its tenant; `ghost` is a tenant the gateway lacks. */
export const TEST_KEYS: Record<string, string> = {
  ...Object.fromEntries(DEMO_TENANTS.map((t) => [t.demoApiKey, t.id])),
  sl_test_tiny_key: 'tiny',
  sl_test_ghost_key: 'ghost',
};

/** Harness is a gateway started in-process against a fresh database, a fake auth and a fake upstream. */
export interface Harness {
  gateway: GatewayHandle;
  auth: FakeAuth;
  upstream: FakeUpstream;
  issuer: TestIssuer;
  telemetry: TestTelemetry;
  config: GatewayConfig;
  redisKeyPrefix: string;
  sql: pg.Pool;
  /** A platform-wide super_admin access token. */
  adminToken: string;
  /** startReplica starts another gateway on the same database, Redis prefix, auth and upstream. */
  startReplica(env?: Record<string, string>): Promise<GatewayHandle>;
  close(): Promise<void>;
}

/** HarnessOptions says which limiter backend to use and overrides config values. */
export interface HarnessOptions {
  redis?: boolean | string;
  env?: Record<string, string>;
  /** Requests per second of the `tiny` tenant. */
  tinyRps?: number;
  /** Use this database instead of a fresh one (it is not dropped). */
  database?: TestDatabase;
}

/** startHarness starts everything; `tiny` (a free tenant with a small rps_override) is added beside the demo tenants. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db: TestDatabase = options.database ?? (await createTestDatabase('sl_gateway'));
  const issuer = await TestIssuer.create();
  const auth = await startFakeAuth(TEST_KEYS, INTERNAL_TOKEN, issuer);
  const upstream = await startFakeUpstream();
  const telemetry = createTestTelemetry();
  const configFor = (env: Record<string, string> = {}) =>
    loadGatewayConfig({
      GATEWAY_PORT: '0',
      GATEWAY_ADMIN_PORT: '0',
      DATABASE_URL: db.url,
      UPSTREAM_URL: upstream.url,
      AUTH_URL: auth.url,
      INTERNAL_TOKEN,
      SEED_DEMO: 'true',
      UPSTREAM_TIMEOUT_MS: '1000',
      REVOCATION_POLL_MS: '200',
      ...(options.redis ? { REDIS_URL: typeof options.redis === 'string' ? options.redis : redisUrl() } : {}),
      ...options.env,
      ...env,
    });
  const config = configFor();
  const redisKeyPrefix = redisTestPrefix('gateway');
  const gateway = await startGateway(config, {
    tracer: telemetry.tracer,
    logger: telemetry.logger,
    redisKeyPrefix,
  });
  const replicas: GatewayHandle[] = [];
  const sql = new pg.Pool({ connectionString: db.url, max: 3 });
  // The database is dropped WITH (FORCE) at the end; a test's own connection cut then is not a test failure.
  sql.on('error', () => undefined);
  await sql.query(
    `insert into gateway.tenants (id, name, tier, timezone, rps_override) values ('tiny', 'Tiny', 'free', 'UTC', $1)
     on conflict (id) do update set rps_override = excluded.rps_override`,
    [options.tinyRps ?? 3],
  );
  await gateway.config.reload();
  const adminToken = await issuer.sign({
    tenant: null,
    roles: ['super_admin'],
    sub: 'admin-1',
    email: 'admin@sightline.dev',
  });
  return {
    gateway,
    auth,
    upstream,
    issuer,
    telemetry,
    config,
    redisKeyPrefix,
    sql,
    adminToken,
    async startReplica(env) {
      const replica = await startGateway(configFor(env), {
        tracer: telemetry.tracer,
        logger: telemetry.logger,
        redisKeyPrefix,
      });
      replicas.push(replica);
      return replica;
    },
    async close() {
      for (const r of replicas) await r.close();
      await gateway.close();
      await sql.end();
      await auth.close();
      await upstream.close();
      await telemetry.shutdown();
      if (!options.database) await db.drop();
    },
  };
}
