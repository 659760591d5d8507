import { Redis } from 'ioredis';
import { ConfigError } from '@sightline/config';
import type { RedisServer } from '@sightline/testing';
import { redisUrl, startRedisServer } from '@sightline/testing';
import { loadGatewayConfig } from '../src/config';
import type { Harness } from './support/startHarness';
import { INTERNAL_TOKEN, startHarness } from './support/startHarness';
import { send } from './support/send';

const TINY = { 'x-api-key': 'sl_test_tiny_key' };
const DISABLED_WARNING = 'rate limiting disabled by LIMITER_ENABLED=false';
const required = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/sightline', INTERNAL_TOKEN };

describe('the LIMITER_ENABLED setting', () => {
  it('is on unless an operator sets it to false, and refuses a value that is not a boolean', () => {
    expect(loadGatewayConfig(required).LIMITER_ENABLED).toBe(true);
    expect(loadGatewayConfig({ ...required, LIMITER_ENABLED: 'false' }).LIMITER_ENABLED).toBe(false);
    const attempt = () => loadGatewayConfig({ ...required, LIMITER_ENABLED: 'perhaps' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^LIMITER_ENABLED: /);
  });
});

describe('a gateway started with LIMITER_ENABLED=false', () => {
  let redisServer: RedisServer;
  let redis: Redis;
  let h: Harness;
  beforeAll(async () => {
    // A Redis of its own, so its client list and command counts show only what this gateway did.
    redisServer = await startRedisServer();
    h = await startHarness({ redis: redisServer.url, tinyRps: 1, env: { LIMITER_ENABLED: 'false' } });
    redis = new Redis(redisServer.url);
  });
  afterAll(async () => {
    redis.disconnect();
    await h.close();
    await redisServer.stop();
  });

  it('forwards every request past the limit, without RateLimit fields or Retry-After', async () => {
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await send(h.gateway.proxyPort, { headers: TINY }));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    for (const r of replies) {
      expect(r.headers['ratelimit-policy']).toBeUndefined();
      expect(r.headers.ratelimit).toBeUndefined();
      expect(r.headers['retry-after']).toBeUndefined();
      expect(r.headers['x-request-id']).toBeDefined();
    }
    expect(h.upstream.received.filter((r) => r.headers['x-sightline-tenant'] === 'tiny')).toHaveLength(5);
  });

  it('never connects to Redis, so no command runs and no key is written', async () => {
    const clients = String(await redis.call('CLIENT', 'LIST'))
      .split('\n')
      .filter((l) => l.trim() !== '');
    expect(clients).toHaveLength(1); // this test's own connection
    expect(await redis.dbsize()).toBe(0);
    const commandStats = await redis.info('commandstats');
    expect(commandStats).not.toMatch(/cmdstat_(evalsha|eval|script)/);
  });

  it('warns once at start and reports mode disabled and backend none in its metrics', async () => {
    expect(h.gateway.limiterMode()).toBe('disabled');
    const warnings = h.telemetry.logs().filter((l) => l.msg === DISABLED_WARNING);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe('warn');
    const metrics = (await send(h.gateway.adminPort, { path: '/metrics' })).body;
    expect(metrics).toContain('gateway_limiter_mode{mode="disabled",service="gateway"} 1');
    expect(metrics).toContain('gateway_limiter_mode{mode="redis",service="gateway"} 0');
    expect(metrics).toContain('gateway_limiter_backend{backend="none",service="gateway"} 1');
    expect(metrics).not.toMatch(/^gateway_ratelimit_decisions_total\{/m);
    expect((await send(h.gateway.adminPort, { path: '/readyz' })).status).toBe(200);
  });
});

describe('a gateway started without LIMITER_ENABLED', () => {
  let redis: Redis;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ redis: true, tinyRps: 1 });
    redis = new Redis(redisUrl());
  });
  afterAll(async () => {
    redis.disconnect();
    await h.close();
  });

  it('limits in Redis with RateLimit fields, reports mode redis, and does not warn', async () => {
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await send(h.gateway.proxyPort, { headers: TINY }));
    expect(replies[0]!.status).toBe(200);
    expect(replies[0]!.headers['ratelimit-policy']).toMatch(/^"tenant-1s";q=1;w=1, /);
    expect(replies[0]!.headers.ratelimit).toMatch(/^"tenant-1s";r=0;t=1$/);
    // One a second: even across a window boundary, three requests in a row cannot all pass.
    expect(replies.map((r) => r.status)).toContain(429);
    expect(await redis.keys(`${h.redisKeyPrefix}*`)).not.toHaveLength(0);
    expect(h.gateway.limiterMode()).toBe('redis');
    expect(h.telemetry.logs().filter((l) => l.msg === DISABLED_WARNING)).toHaveLength(0);
    const metrics = (await send(h.gateway.adminPort, { path: '/metrics' })).body;
    expect(metrics).toContain('gateway_limiter_mode{mode="redis",service="gateway"} 1');
    expect(metrics).toContain('gateway_limiter_mode{mode="disabled",service="gateway"} 0');
  });
});
