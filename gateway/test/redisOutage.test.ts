import type { RedisServer } from '@sightline/testing';
import { startRedisServer, waitFor } from '@sightline/testing';
import { CircuitBreaker } from '../src/limiter/CircuitBreaker';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import { send } from './support/send';
import { freshWindow } from './support/freshWindow';

const TINY = { 'x-api-key': 'sl_test_tiny_key' };

describe('the circuit breaker', () => {
  it('opens after N consecutive failures, lets one probe through after the open time, and closes on success', () => {
    let now = 0;
    const changes: string[] = [];
    const b = new CircuitBreaker({
      failureThreshold: 3,
      openMs: 1000,
      now: () => now,
      onChange: (s) => changes.push(s),
    });
    for (let i = 0; i < 2; i++) b.failure(new Error('x'));
    expect(b.current()).toBe('closed');
    b.success();
    for (let i = 0; i < 3; i++) b.failure(new Error('x'));
    expect(b.current()).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    now = 1000;
    expect(b.tryAcquire()).toBe(true);
    expect(b.current()).toBe('half-open');
    expect(b.tryAcquire()).toBe(false);
    b.failure(new Error('still down'));
    expect(b.current()).toBe('open');
    now = 1500;
    expect(b.tryAcquire()).toBe(false);
    now = 2000;
    expect(b.tryAcquire()).toBe(true);
    b.success();
    expect(b.current()).toBe('closed');
    expect(changes).toEqual(['open', 'closed']);
  });

  it('stays open when a slow call admitted before it opened succeeds late: only the probe closes it', () => {
    let now = 0;
    const changes: string[] = [];
    const b = new CircuitBreaker({
      failureThreshold: 2,
      openMs: 1000,
      now: () => now,
      onChange: (s) => changes.push(s),
    });
    b.failure(new Error('timeout'));
    b.failure(new Error('timeout'));
    expect(b.current()).toBe('open');
    b.success(); // the straggler
    expect(b.current()).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    now = 1000;
    expect(b.tryAcquire()).toBe(true);
    b.success();
    expect(b.current()).toBe('closed');
    expect(changes).toEqual(['open', 'closed']);
  });
});

describe('when the Redis server dies and comes back', () => {
  let redis: RedisServer;
  let h: Harness;
  beforeAll(async () => {
    redis = await startRedisServer();
    h = await startHarness({
      redis: redis.url,
      tinyRps: 8,
      env: { GATEWAY_REPLICAS: '4', LIMITER_BREAKER_FAILURES: '3', LIMITER_BREAKER_OPEN_MS: '200' },
    });
  });
  afterAll(async () => {
    await h.close();
    await redis.stop();
  });

  const burst = async (n: number) => {
    const statuses = [];
    for (let i = 0; i < n; i++) statuses.push((await send(h.gateway.proxyPort, { headers: TINY })).status);
    return statuses;
  };

  it('keeps answering every request, enforcing limit ÷ GATEWAY_REPLICAS per node, and says so in logs and metrics', async () => {
    await freshWindow();
    expect((await burst(10)).filter((s) => s === 200)).toHaveLength(8);
    expect(h.gateway.limiterMode()).toBe('redis');

    await redis.kill();
    // The fallback mirrors what this node admitted, so let those 8 age out of its windows first.
    await freshWindow();
    const started = Date.now();
    const statuses = await burst(10);
    expect(Date.now() - started).toBeLessThan(2_000);
    // 8 / 4 replicas = 2 per second on this node; nothing failed with a 5xx.
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(statuses.filter((s) => s === 429)).toHaveLength(8);
    expect(h.gateway.limiterMode()).toBe('fallback');
    const warn = h.telemetry
      .logs()
      .find((l) => l.level === 'warn' && String(l.msg).startsWith('Redis limiter unavailable'));
    expect(warn).toMatchObject({ mode: 'fallback', replicas: 4 });
    const metrics = (await send(h.gateway.adminPort, { path: '/metrics' })).body;
    expect(metrics).toContain('gateway_limiter_mode{mode="fallback",service="gateway"} 1');
    expect(metrics).toContain('gateway_limiter_mode{mode="redis",service="gateway"} 0');
    expect(metrics).toContain('gateway_limiter_mode_changes_total{mode="fallback",service="gateway"} 1');
    expect((await send(h.gateway.adminPort, { path: '/readyz' })).status).toBe(200);
  });

  it('returns to Redis by itself once the server is back', async () => {
    await redis.restart();
    await waitFor(async () => {
      await send(h.gateway.proxyPort, { headers: TINY });
      return h.gateway.limiterMode() === 'redis';
    }, 10_000);
    const back = h.telemetry.logs().find((l) => l.msg === 'Redis limiter is back: shared limits restored');
    expect(back).toMatchObject({ level: 'warn', mode: 'redis' });
    const metrics = (await send(h.gateway.adminPort, { path: '/metrics' })).body;
    expect(metrics).toContain('gateway_limiter_mode{mode="redis",service="gateway"} 1');
    expect(metrics).toContain('gateway_limiter_mode_changes_total{mode="redis",service="gateway"} 1');
    await freshWindow();
    expect((await burst(10)).filter((s) => s === 200)).toHaveLength(8);
  });

  it('does not wait on a hung Redis: each check gives up after about 50 ms and the fallback decides', async () => {
    redis.pause();
    try {
      const started = Date.now();
      const statuses = await burst(6);
      const elapsed = Date.now() - started;
      expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
      // 3 checks time out before the breaker opens; the rest never touch Redis.
      expect(elapsed).toBeLessThan(3 * 50 + 400);
      expect(h.gateway.limiterMode()).toBe('fallback');
    } finally {
      redis.resume();
    }
    await waitFor(async () => {
      await send(h.gateway.proxyPort, { headers: TINY });
      return h.gateway.limiterMode() === 'redis';
    }, 10_000);
  });
});
