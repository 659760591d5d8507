import { Redis } from 'ioredis';
import { DEMO_TENANTS } from '@sightline/contracts';
import { freePort, redisUrl } from '@sightline/testing';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import { send } from './support/send';

const acme = DEMO_TENANTS.find((t) => t.id === 'acme')!;
const TINY = { 'x-api-key': 'sl_test_tiny_key' };
const TINY_POLICY = '"tenant-1s";q=3;w=1, "tenant-60s";q=300;w=60, "data-1s";q=10;w=1, "data-60s";q=300;w=60';

describe.each([
  ['the in-process store', false],
  ['the Redis store', true],
] as const)('per-tenant rate limiting with %s', (_name, redis) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ redis, tinyRps: 3 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 429 problem+json with Retry-After and RateLimit headers once a tenant exceeds its requests per second', async () => {
    const replies = [];
    for (let i = 0; i < 4; i++)
      replies.push(await send(h.gateway.proxyPort, { path: '/api/orders', headers: TINY }));
    expect(replies.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(replies[0]!.headers['ratelimit-policy']).toBe(TINY_POLICY);
    expect(replies[0]!.headers.ratelimit).toMatch(/^"tenant-1s";r=2;t=1$/);

    const limited = replies[3]!;
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toBe('application/problem+json');
    expect(limited.json()).toMatchObject({
      status: 429,
      title: 'Too Many Requests',
      detail: 'over the tenant-1s limit of 3 requests per 1 s',
      limit: 'tenant-1s',
      limitType: 'tenant',
      quota: 3,
      windowSeconds: 1,
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(2);
    expect(limited.headers['ratelimit-policy']).toBe(TINY_POLICY);
    expect(limited.headers.ratelimit).toBe(`"tenant-1s";r=0;t=${limited.headers['retry-after']}`);
    expect(h.upstream.received.filter((r) => r.headers['x-sightline-tenant'] === 'tiny')).toHaveLength(3);
  });

  it('records a limited request on a server span with the tenant, status 429 and decision limited', () => {
    const span = h.telemetry.spans().find((s) => s.attributes['sightline.ratelimit.decision'] === 'limited')!;
    expect(span.name).toBe('gateway.Proxy.handle');
    expect(span.attributes).toMatchObject({ 'tenant.id': 'tiny', 'http.response.status_code': 429 });
  });

  it('does not let one tenant exhaust another tenant’s limit', async () => {
    const res = await send(h.gateway.proxyPort, { headers: { 'x-api-key': acme.demoApiKey } });
    expect(res.status).toBe(200);
    expect(res.headers['ratelimit-policy']).toBe(
      '"tenant-1s";q=200;w=1, "tenant-60s";q=10000;w=60, "data-1s";q=200;w=1, "data-60s";q=10000;w=60',
    );
  });

  it('lets the tenant through again after waiting as long as Retry-After said', async () => {
    let limited = await send(h.gateway.proxyPort, { headers: TINY });
    for (let i = 0; i < 5 && limited.status !== 429; i++)
      limited = await send(h.gateway.proxyPort, { headers: TINY });
    expect(limited.status).toBe(429);
    await new Promise((r) => setTimeout(r, Number(limited.headers['retry-after']) * 1000));
    expect((await send(h.gateway.proxyPort, { headers: TINY })).status).toBe(200);
  });
});

describe('per-tenant rate limiting in Redis', () => {
  let h: Harness;
  let redis: Redis;
  beforeAll(async () => {
    h = await startHarness({ redis: true, tinyRps: 5 });
    redis = new Redis(redisUrl());
  });
  afterAll(async () => {
    redis.disconnect();
    await h.close();
  });

  it('keeps each window of a tenant in a key hash-tagged by the tenant that expires by itself', async () => {
    await send(h.gateway.proxyPort, { headers: TINY });
    const second = `${h.redisKeyPrefix}{t:tiny}:all:1s`;
    expect(await redis.hget(second, 'c')).toBe('1');
    const ttl = await redis.pttl(second);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2_000);
    const minute = `${h.redisKeyPrefix}{t:tiny}:c:data:60s`;
    expect(await redis.hget(minute, 'c')).toBe('1');
    expect(await redis.pttl(minute)).toBeGreaterThan(60_000);
    expect(await redis.pttl(minute)).toBeLessThanOrEqual(120_000);
    const slots = await Promise.all(
      (await redis.keys(`${h.redisKeyPrefix}*`)).map((k) =>
        redis.call('CLUSTER', 'KEYSLOT', k).catch(() => k.split('}')[0]),
      ),
    );
    expect(new Set(slots).size).toBe(1);
  });

  it('applies a changed rps_override after the tenants are reloaded', async () => {
    await h.sql.query(`update gateway.tenants set rps_override = 1 where id = 'tiny'`);
    await h.gateway.config.reload();
    await new Promise((r) => setTimeout(r, 1_100));
    const first = await send(h.gateway.proxyPort, { headers: TINY });
    expect(first.headers['ratelimit-policy']).toMatch(/^"tenant-1s";q=1;w=1, /);
    expect((await send(h.gateway.proxyPort, { headers: TINY })).status).toBe(429);
  });
});

describe('when Redis is down', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ redis: `redis://127.0.0.1:${await freePort()}`, tinyRps: 1 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('still enforces the limit with the per-node fallback, logs the failure once, and stays ready', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(h.gateway.proxyPort, { headers: TINY })).status);
    expect(statuses).toEqual([200, 429, 429, 429]);
    const failures = h.telemetry
      .logs()
      .filter((l) => l.msg === 'rate limiter check failed on Redis; the per-node fallback decided');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.tenant_id).toBe('tiny');
    const ready = await send(h.gateway.adminPort, { path: '/readyz' });
    expect(ready.status).toBe(200);
  });
});
