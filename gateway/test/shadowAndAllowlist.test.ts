import { Redis } from 'ioredis';
import { redisUrl } from '@sightline/testing';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import { adminCall } from './support/adminClient';
import { send } from './support/send';
import { freshWindow } from './support/freshWindow';

const TINY = { 'x-api-key': 'sl_test_tiny_key' };
let h: Harness;
let redis: Redis;

beforeAll(async () => {
  h = await startHarness({ redis: true, tinyRps: 2, env: { TRUSTED_PROXY_CIDRS: '127.0.0.1/32' } });
  redis = new Redis(redisUrl());
});

afterAll(async () => {
  redis.disconnect();
  await h.close();
});

const burst = async (n: number, headers: Record<string, string> = TINY) => {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await send(h.gateway.proxyPort, { headers }));
  return out;
};
const metrics = async () => (await send(h.gateway.adminPort, { path: '/metrics' })).body;
const admin = (method: string, path: string, body?: unknown) =>
  adminCall(h.gateway.adminPort, h.adminToken, method, path, body);

describe('shadow mode', () => {
  it('decides, logs and counts what would be limited but never blocks the tenant', async () => {
    await admin('PUT', '/admin/v1/tenants/tiny/shadow', { enabled: true });
    await h.gateway.config.reload();
    await freshWindow();
    const replies = await burst(5);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(replies[4]!.headers['retry-after']).toBeUndefined();
    expect(replies[4]!.headers.ratelimit).toMatch(/^"tenant-1s";r=0;/);
    expect(await metrics()).toMatch(
      /gateway_ratelimit_decisions_total\{tenant="tiny",decision="shadow",limit_type="tenant",service="gateway"\} 3/,
    );
    const logs = h.telemetry
      .logs()
      .filter((l) => l.msg === 'rate limit would have been hit (shadow mode, not enforced)');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      level: 'warn',
      tenant_id: 'tiny',
      endpoint_class: 'data',
      limit_type: 'tenant',
    });
    const span = h.telemetry
      .spans()
      .filter((s) => s.attributes['sightline.ratelimit.decision'] === 'shadow')
      .pop()!;
    expect(span.attributes).toMatchObject({
      'http.response.status_code': 200,
      'sightline.ratelimit.policy': 'tenant-1s',
    });
  });

  it('enforces again once shadow mode is switched off', async () => {
    await admin('PUT', '/admin/v1/tenants/tiny/shadow', { enabled: false });
    await h.gateway.config.reload();
    await freshWindow();
    expect((await burst(3)).map((r) => r.status)).toEqual([200, 200, 429]);
  });
});

describe('the allowlist', () => {
  it('lets an allowlisted client CIDR past the limit while still counting its requests against the tenant', async () => {
    const entry = await admin('POST', '/admin/v1/allowlist', {
      kind: 'cidr',
      value: '198.51.100.0/24',
      reason: 'partner',
    });
    await h.gateway.config.reload();
    await freshWindow();
    const partner = { ...TINY, 'x-forwarded-for': '198.51.100.7' };
    expect((await burst(4, partner)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    // Its 4 requests are in the tenant's window, so anyone else of the tenant is limited now.
    expect((await burst(1))[0]!.status).toBe(429);
    expect(await redis.hget(`${h.redisKeyPrefix}{t:tiny}:all:1s`, 'c')).toBe('4');
    expect(await metrics()).toMatch(
      /gateway_ratelimit_decisions_total\{tenant="tiny",decision="bypassed",limit_type="tenant",service="gateway"\} 4/,
    );
    await admin('DELETE', `/admin/v1/allowlist/${entry.json<{ id: string }>().id}`);
  });

  it('lets an allowlisted user-agent prefix past the limit', async () => {
    await admin('POST', '/admin/v1/allowlist', { kind: 'user_agent', value: 'SightlineProbe/' });
    await h.gateway.config.reload();
    await freshWindow();
    expect((await burst(4, { ...TINY, 'user-agent': 'SightlineProbe/1.2' })).map((r) => r.status)).toEqual([
      200, 200, 200, 200,
    ]);
    expect((await burst(4, { ...TINY, 'user-agent': 'curl/8' })).every((r) => r.status === 429)).toBe(true);
  });
});
