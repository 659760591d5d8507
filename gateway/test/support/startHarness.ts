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
  telemetry: TestTelemetry;
  config: GatewayConfig;
  redisKeyPrefix: string;
  sql: pg.Pool;
  close(): Promise<void>;
}

/** HarnessOptions says which limiter backend to use and overrides config values. */
export interface HarnessOptions {
  redis?: boolean | string;
  env?: Record<string, string>;
  /** Requests per second of the `tiny` tenant. */
  tinyRps?: number;
}

/** startHarness starts everything; `tiny` (a free tenant with a small rps_override) is added beside the demo tenants. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db: TestDatabase = await createTestDatabase('sl_gateway');
  const auth = await startFakeAuth(TEST_KEYS, INTERNAL_TOKEN);
  const upstream = await startFakeUpstream();
  const telemetry = createTestTelemetry();
  const config = loadGatewayConfig({
    GATEWAY_PORT: '0',
    GATEWAY_ADMIN_PORT: '0',
    DATABASE_URL: db.url,
    UPSTREAM_URL: upstream.url,
    AUTH_URL: auth.url,
    INTERNAL_TOKEN,
    SEED_DEMO: 'true',
    UPSTREAM_TIMEOUT_MS: '1000',
    ...(options.redis ? { REDIS_URL: typeof options.redis === 'string' ? options.redis : redisUrl() } : {}),
    ...options.env,
  });
  const redisKeyPrefix = redisTestPrefix('gateway');
  const gateway = await startGateway(config, {
    tracer: telemetry.tracer,
    logger: telemetry.logger,
    redisKeyPrefix,
  });
  const sql = new pg.Pool({ connectionString: db.url, max: 2 });
  await sql.query(
    `insert into gateway.tenants (id, name, tier, timezone, rps_override) values ('tiny', 'Tiny', 'free', 'UTC', $1)`,
    [options.tinyRps ?? 3],
  );
  await gateway.tenants.reload();
  return {
    gateway,
    auth,
    upstream,
    telemetry,
    config,
    redisKeyPrefix,
    sql,
    async close() {
      await gateway.close();
      await sql.end();
      await auth.close();
      await upstream.close();
      await telemetry.shutdown();
      await db.drop();
    },
  };
}
