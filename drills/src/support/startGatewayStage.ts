import pg from 'pg';
import type { TestDatabase } from '@sightline/testing';
import { createTestDatabase, freePort, TestIssuer, waitFor } from '@sightline/testing';
import { bundleService } from './bundleService';
import type { CleanupStack } from './CleanupStack';
import type { DrillTenant } from './DrillTenant';
import type { NodeService } from './startNodeService';
import { startNodeService } from './startNodeService';
import { startDrillAuth } from './startDrillAuth';
import { startDrillUpstream } from './startDrillUpstream';

const INTERNAL_TOKEN = 'drill-internal-token-0123456789';

/** GatewayStage is a gateway process with its own database, a stand-in auth and a local upstream. */
export interface GatewayStage {
  proxyUrl: string;
  adminUrl: string;
  databaseUrl: string;
  gateway: NodeService;
  /** adminToken is a platform super_admin JWT the gateway's admin API accepts. */
  adminToken: string;
  /** restart stops the gateway and starts it again with extra environment (a new DATABASE_URL, say). */
  restart(env: Record<string, string>): Promise<NodeService>;
}

/** GatewayStageOptions names the tenants to create and the gateway's extra environment. */
export interface GatewayStageOptions {
  tenants: readonly DrillTenant[];
  env?: Record<string, string>;
  /** databaseUrl is used as is (not dropped) instead of a fresh database on the machine's PostgreSQL. */
  databaseUrl?: string;
}

/**
 * startGatewayStage bundles the gateway from source, runs it as its own process on free loopback ports, creates the
 * drill's tenants (each limited to perSecond, overall and on the data class, with a per-minute limit that never
 * binds) and resolves once the gateway applies those limits.
 */
export async function startGatewayStage(
  o: GatewayStageOptions,
  cleanup: CleanupStack,
): Promise<GatewayStage> {
  let databaseUrl = o.databaseUrl;
  if (!databaseUrl) {
    const db: TestDatabase = await createTestDatabase('sl_drill');
    cleanup.push({ close: () => db.drop(), onExit: () => undefined });
    databaseUrl = db.url;
  }
  const issuer = await TestIssuer.create();
  const keys = Object.fromEntries(o.tenants.map((t) => [t.apiKey, t.id]));
  const authUrl = await startDrillAuth(keys, INTERNAL_TOKEN, issuer, cleanup);
  const upstreamUrl = await startDrillUpstream(cleanup);
  const bundle = await bundleService('gateway', cleanup);
  const [proxyPort, adminPort] = [await freePort(), await freePort()];
  const baseEnv = {
    GATEWAY_PORT: String(proxyPort),
    GATEWAY_ADMIN_PORT: String(adminPort),
    DATABASE_URL: databaseUrl,
    UPSTREAM_URL: upstreamUrl,
    AUTH_URL: authUrl,
    INTERNAL_TOKEN,
    // The drills measure the limiter and the proxy; per-request logs and spans would only load the machine.
    ACCESS_LOG: 'false',
    TRACING: 'false',
    LOG_LEVEL: 'info',
    OTEL_SDK_DISABLED: 'true',
    ...o.env,
  };
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  const start = (env: Record<string, string>) =>
    startNodeService(
      { name: 'gateway', bundle, env: { ...baseEnv, ...env }, readyUrl: `${adminUrl}/healthz` },
      cleanup,
    );
  let gateway = await start({});
  const adminToken = await issuer.sign({
    tenant: null,
    roles: ['super_admin'],
    sub: 'drill',
    email: 'drill@sightline.dev',
  });
  await createTenants(databaseUrl, o.tenants);
  for (const t of o.tenants) {
    await waitFor(async () => {
      const res = await fetch(`${adminUrl}/admin/v1/tenants/${t.id}/limits`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      if (res.status !== 200) return false;
      const body = (await res.json()) as { classes: Record<string, { policy: string; limit: number }[]> };
      return body.classes.data?.find((p) => p.policy === 'data-1s')?.limit === t.perSecond;
    }, 10_000);
  }
  return {
    proxyUrl: `http://127.0.0.1:${proxyPort}`,
    adminUrl,
    databaseUrl,
    get gateway() {
      return gateway;
    },
    adminToken,
    async restart(env) {
      await gateway.stop();
      gateway = await start(env);
      return gateway;
    },
  };
}

async function createTenants(databaseUrl: string, tenants: readonly DrillTenant[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const t of tenants) {
      await client.query(
        `insert into gateway.tenants (id, name, tier, timezone) values ($1, $1, 'free', 'UTC')
         on conflict (id) do nothing`,
        [t.id],
      );
      const perMinute = t.perSecond * 600;
      await client.query(
        `insert into gateway.tenant_overrides (tenant_id, per_second, per_minute, class_limits, reason)
         values ($1, $2, $3, $4, 'reliability drill')
         on conflict (tenant_id) do update set per_second = excluded.per_second, per_minute = excluded.per_minute,
           class_limits = excluded.class_limits, reason = excluded.reason`,
        [t.id, t.perSecond, perMinute, JSON.stringify({ data: { perSecond: t.perSecond, perMinute } })],
      );
    }
  } finally {
    await client.end();
  }
}
