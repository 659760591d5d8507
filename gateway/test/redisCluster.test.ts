import { Cluster } from 'ioredis';
import type { RedisCluster } from '@sightline/testing';
import { redisTestPrefix, startRedisCluster } from '@sightline/testing';
import { RedisLimiterStore } from '../src/limiter/RedisLimiterStore';
import type { LimitCheck } from '../src/limiter/LimitCheck';
import { DEMO_TENANTS } from '@sightline/contracts';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import { send } from './support/send';

let cluster: RedisCluster;

beforeAll(async () => {
  cluster = await startRedisCluster();
}, 30_000);

afterAll(async () => {
  await cluster.stop();
});

const checkFor = (tenant: string): LimitCheck => ({
  keys: [`{t:${tenant}}:all:1s`, `{t:${tenant}}:all:60s`, `{t:${tenant}}:c:data:1s`],
  limits: [5, 1000, 5],
  windowsMs: [1000, 60_000, 1000],
});

describe('the limiter on a Redis Cluster', () => {
  it('checks all of a tenant’s windows in one script call because its keys share one hash slot', async () => {
    const store = RedisLimiterStore.fromConfig({
      clusterNodes: cluster.nodes,
      keyPrefix: redisTestPrefix('cluster'),
    });
    expect(await store.waitUntilReady(5_000)).toBe(true);
    const tenants = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark'];
    for (const t of tenants) {
      const decisions = [];
      for (let i = 0; i < 6; i++) decisions.push(await store.hit(checkFor(t), false));
      expect(decisions.map((d) => (d.kind === 'decided' ? d.allowed : d.error.message))).toEqual([
        true,
        true,
        true,
        true,
        true,
        false,
      ]);
    }
    await store.close();
  });

  it('spreads different tenants over different nodes', async () => {
    const probe = new Cluster(
      cluster.nodes.map((n) => ({ host: '127.0.0.1', port: Number(n.split(':')[1]) })),
    );
    const slots = await Promise.all(
      ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark'].map((t) =>
        probe.cluster('KEYSLOT', `sl:gw:{t:${t}}:all:1s`),
      ),
    );
    expect(new Set(slots).size).toBeGreaterThan(1);
    expect(await probe.cluster('KEYSLOT', 'x{t:acme}:all:1s')).toBe(
      await probe.cluster('KEYSLOT', 'y{t:acme}:c:data:60s'),
    );
    probe.disconnect();
  });
});

describe('a gateway configured with REDIS_CLUSTER_NODES', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { REDIS_CLUSTER_NODES: cluster.nodes.join(',') }, tinyRps: 2 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('limits tenants through the cluster and reports the redis-cluster backend', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await send(h.gateway.proxyPort, { headers: { 'x-api-key': 'sl_test_tiny_key' } })).status,
      );
    expect(statuses).toEqual([200, 200, 429]);
    const acme = await send(h.gateway.proxyPort, { headers: { 'x-api-key': DEMO_TENANTS[0]!.demoApiKey } });
    expect(acme.status).toBe(200);
    expect(h.gateway.limiterMode()).toBe('redis');
    const metrics = await send(h.gateway.adminPort, { path: '/metrics' });
    expect(metrics.body).toContain('gateway_limiter_backend{backend="redis-cluster",service="gateway"} 1');
  });
});

describe('the limiter on a Redis Cluster that requires a password (ElastiCache with an auth token)', () => {
  let secured: RedisCluster;
  beforeAll(async () => {
    secured = await startRedisCluster(20_000, 'cluster-auth-token-0123456789');
  }, 30_000);
  afterAll(async () => {
    await secured.stop();
  });

  it('decides through the cluster with REDIS_CLUSTER_PASSWORD, and answers an error without it (the breaker then falls back)', async () => {
    const withPassword = RedisLimiterStore.fromConfig({
      clusterNodes: secured.nodes,
      clusterPassword: 'cluster-auth-token-0123456789',
      keyPrefix: redisTestPrefix('cluster-auth'),
    });
    expect(await withPassword.waitUntilReady(5_000)).toBe(true);
    const decision = await withPassword.hit(checkFor('acme'), false);
    expect(decision).toMatchObject({ kind: 'decided', allowed: true });
    await withPassword.close();

    const without = RedisLimiterStore.fromConfig({
      clusterNodes: secured.nodes,
      keyPrefix: redisTestPrefix('x'),
    });
    expect(await without.waitUntilReady(1_500)).toBe(false);
    expect((await without.hit(checkFor('acme'), false)).kind).toBe('error');
    await without.close();
  }, 20_000);
});
