import { readFileSync } from 'node:fs';
import type { RedisCluster, RedisServer, TestCertificates } from '@sightline/testing';
import {
  makeTestCertificates,
  redisTestPrefix,
  startRedisCluster,
  startRedisServer,
} from '@sightline/testing';
import { createLimiterStore } from '../src/limiter/createLimiterStore';
import type { LimiterMode } from '../src/limiter/ResilientLimiter';
import type { LimitCheck } from '../src/limiter/LimitCheck';
import { RedisLimiterStore } from '../src/limiter/RedisLimiterStore';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import { send } from './support/send';
import { freshWindow } from './support/freshWindow';

// A self-managed cluster: every node serves TLS only (client port, cluster bus) with a certificate of a private CA.
let certs: TestCertificates;
let cluster: RedisCluster;
let ca: string;
let otherCa: string;

beforeAll(async () => {
  certs = makeTestCertificates();
  ca = readFileSync(certs.caFile, 'utf8');
  otherCa = readFileSync(certs.otherCaFile, 'utf8');
  cluster = await startRedisCluster({ tls: certs });
}, 30_000);

afterAll(async () => {
  await cluster?.stop();
  certs?.cleanup();
});

const checkFor = (tenant: string): LimitCheck => ({
  keys: [`{t:${tenant}}:all:1s`, `{t:${tenant}}:all:60s`, `{t:${tenant}}:c:data:1s`],
  limits: [5, 1000, 5],
  windowsMs: [1000, 60_000, 1000],
});

/** A check whose only window is long, so a burst lands in one window however slow the machine is. */
const minuteCheck = (tenant: string, limit: number): LimitCheck => ({
  keys: [`{t:${tenant}}:all:60s`],
  limits: [limit],
  windowsMs: [60_000],
});

const outcome = (d: Awaited<ReturnType<RedisLimiterStore['hit']>>) =>
  d.kind === 'decided' ? d.allowed : d.error.message;

describe('the limiter on a TLS Redis Cluster with a private CA', () => {
  it('decides through the cluster when given the CA that issued the nodes’ certificates', async () => {
    const store = RedisLimiterStore.fromConfig({
      clusterNodes: cluster.nodes,
      clusterTls: true,
      tlsCa: ca,
      keyPrefix: redisTestPrefix('cluster-tls'),
    });
    expect(await store.waitUntilReady(5_000)).toBe(true);
    for (const t of ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark']) {
      const decisions = [];
      for (let i = 0; i < 6; i++) decisions.push(outcome(await store.hit(checkFor(t), false)));
      expect(decisions).toEqual([true, true, true, true, true, false]);
    }
    await store.close();
  });

  it.each([
    ['an unrelated CA', () => otherCa],
    ['no CA (the system CAs)', () => undefined],
  ])(
    'never becomes ready with %s, answers every hit with an error and reports the untrusted certificate',
    async (_name, tlsCa) => {
      const errors: Error[] = [];
      const store = RedisLimiterStore.fromConfig({
        clusterNodes: cluster.nodes,
        clusterTls: true,
        tlsCa: tlsCa(),
        keyPrefix: redisTestPrefix('cluster-tls-x'),
        onError: (err) => errors.push(err),
      });
      expect(await store.waitUntilReady(1_500)).toBe(false);
      expect(await store.ready()).toBe(false);
      for (let i = 0; i < 3; i++) expect((await store.hit(checkFor('acme'), false)).kind).toBe('error');
      // The operator's log says why, not just that the slots could not be fetched.
      const reason = errors.find((e) => (e as NodeJS.ErrnoException).code === 'SELF_SIGNED_CERT_IN_CHAIN');
      expect(reason?.message).toMatch(
        /^TLS handshake with Redis node 127\.0\.0\.1:\d+ failed: self-signed certificate in certificate chain$/,
      );
      await store.close();
    },
  );

  it('keeps deciding every request with the per-node fallback when the CA is wrong (createLimiterStore)', async () => {
    const modes: [LimiterMode, Error | undefined][] = [];
    const checkErrors: Error[] = [];
    const limiter = await createLimiterStore({
      redisClusterNodes: cluster.nodes,
      redisClusterTls: true,
      redisTlsCa: otherCa,
      redisKeyPrefix: redisTestPrefix('cluster-tls-fallback'),
      commandTimeoutMs: 50,
      breakerFailureThreshold: 2,
      breakerOpenMs: 60_000,
      replicas: 2,
      onCheckError: (err) => checkErrors.push(err),
      onModeChange: (mode, cause) => modes.push([mode, cause]),
    });
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await limiter.store.hit(minuteCheck('acme', 4), false));
    // Nothing failed: every request got a decision, and the fallback enforced 4 ÷ 2 replicas.
    expect(decisions.map((d) => (d.kind === 'decided' ? d.allowed : d.kind))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(limiter.mode()).toBe('fallback');
    expect(modes.map(([m]) => m)).toEqual(['fallback']);
    // Only the two checks that tripped the breaker tried Redis.
    expect(checkErrors).toHaveLength(2);
    await limiter.store.close();
  });
});

describe('the limiter on one TLS Redis server (rediss://) with a private CA', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer([], { tls: certs });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('decides with the right CA and reports the untrusted certificate with an unrelated one', async () => {
    expect(server.url).toMatch(/^rediss:\/\//);
    const store = RedisLimiterStore.fromConfig({
      url: server.url,
      tlsCa: ca,
      keyPrefix: redisTestPrefix('tls'),
    });
    expect(await store.waitUntilReady(2_000)).toBe(true);
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(outcome(await store.hit(checkFor('acme'), false)));
    expect(decisions).toEqual([true, true, true, true, true, false]);
    await store.close();

    const errors: NodeJS.ErrnoException[] = [];
    const untrusting = RedisLimiterStore.fromConfig({
      url: server.url,
      tlsCa: otherCa,
      keyPrefix: redisTestPrefix('tls-x'),
      onError: (err) => errors.push(err),
    });
    expect(await untrusting.waitUntilReady(1_000)).toBe(false);
    expect((await untrusting.hit(checkFor('acme'), false)).kind).toBe('error');
    expect(errors.map((e) => e.code)).toContain('SELF_SIGNED_CERT_IN_CHAIN');
    await untrusting.close();
  });
});

describe('a gateway configured with REDIS_CLUSTER_TLS and REDIS_TLS_CA_FILE', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        REDIS_CLUSTER_NODES: cluster.nodes.join(','),
        REDIS_CLUSTER_TLS: 'true',
        REDIS_TLS_CA_FILE: certs.caFile,
      },
      tinyRps: 2,
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const statusesOf = async (port: number, n: number) => {
    const statuses = [];
    for (let i = 0; i < n; i++)
      statuses.push((await send(port, { headers: { 'x-api-key': 'sl_test_tiny_key' } })).status);
    return statuses;
  };

  it('limits tenants through the TLS cluster', async () => {
    expect(await statusesOf(h.gateway.proxyPort, 3)).toEqual([200, 200, 429]);
    expect(h.gateway.limiterMode()).toBe('redis');
    const metrics = await send(h.gateway.adminPort, { path: '/metrics' });
    expect(metrics.body).toContain('gateway_limiter_backend{backend="redis-cluster",service="gateway"} 1');
  });

  it('serves and limits with the per-node fallback, logging the untrusted certificate, when the CA file is wrong', async () => {
    const replica = await h.startReplica({
      REDIS_TLS_CA_FILE: certs.otherCaFile,
      LIMITER_BREAKER_FAILURES: '1',
      LIMITER_BREAKER_OPEN_MS: '60000',
      GATEWAY_REPLICAS: '2',
    });
    await freshWindow();
    // tiny's 2 rps ÷ 2 replicas = 1 per second on this node, and no request fails.
    expect(await statusesOf(replica.proxyPort, 3)).toEqual([200, 429, 429]);
    expect(replica.limiterMode()).toBe('fallback');
    const logged = h.telemetry
      .logs()
      .filter((l) => l.msg === 'Redis connection error')
      .map((l) => JSON.stringify(l.err));
    expect(logged.some((e) => e.includes('self-signed certificate in certificate chain'))).toBe(true);
  });
});
