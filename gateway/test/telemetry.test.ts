import { spawnSync } from 'node:child_process';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import { send } from './support/send';
import { freshWindow } from './support/freshWindow';

const TINY = { 'x-api-key': 'sl_test_tiny_key' };
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ redis: true, tinyRps: 4 });
});

afterAll(async () => {
  await h.close();
});

describe('the gateway’s own telemetry', () => {
  it('logs one warn line for a flood of limit hits, naming tenant, endpoint class and limit type', async () => {
    await freshWindow();
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await send(h.gateway.proxyPort, { headers: TINY })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
    const hits = h.telemetry.logs().filter((l) => l.msg === 'rate limit hit');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      level: 'warn',
      tenant_id: 'tiny',
      endpoint_class: 'data',
      limit_type: 'tenant',
      policy: 'tenant-1s',
      limit: 4,
      decision: 'limited',
    });
  });

  it('puts the decision, limit, remaining quota and policy on the server span', () => {
    const spans = h.telemetry.spans().filter((s) => s.name === 'gateway.Proxy.handle');
    const limited = spans.find((s) => s.attributes['sightline.ratelimit.decision'] === 'limited')!;
    expect(limited.attributes).toMatchObject({
      'tenant.id': 'tiny',
      'http.response.status_code': 429,
      'sightline.ratelimit.policy': 'tenant-1s',
      'sightline.ratelimit.limit': 4,
      'sightline.ratelimit.remaining': 0,
    });
    const allowed = spans.find((s) => s.attributes['sightline.ratelimit.decision'] === 'allowed')!;
    expect(allowed.attributes['sightline.ratelimit.remaining']).toBe(3);
  });

  it('exports requests, durations, decisions by limit type and the usage ratio, all passing promtool check metrics', async () => {
    await send(h.gateway.proxyPort, { path: '/auth/v1/auth/login', method: 'POST', body: '{}' });
    const text = (await send(h.gateway.adminPort, { path: '/metrics' })).body;
    expect(text).toMatch(
      /gateway_requests_total\{tenant="tiny",route="\/",code="429",service="gateway"\} \d+/,
    );
    expect(text).toMatch(
      /gateway_requests_total\{tenant="_platform",route="\/auth",code="200",service="gateway"\} 1/,
    );
    expect(text).toMatch(/gateway_request_duration_seconds_bucket\{[^}]*tenant="tiny",route="\/"[^}]*\} \d+/);
    // The enterprise p99 contract is 300 ms, so its latency SLO needs a bucket that ends exactly there.
    expect(text).toMatch(
      /gateway_request_duration_seconds_bucket\{le="0\.3",[^}]*tenant="tiny",route="\/"[^}]*\} \d+/,
    );
    expect(text).toMatch(
      /gateway_ratelimit_decisions_total\{tenant="tiny",decision="limited",limit_type="tenant",service="gateway"\} \d+/,
    );
    expect(text).toMatch(
      /gateway_ratelimit_decisions_total\{tenant="_platform",decision="allowed",limit_type="ip",service="gateway"\} 1/,
    );
    expect(text).toContain('gateway_ratelimit_usage_ratio{tenant="tiny",service="gateway"} 1');
    expect(text).toContain('gateway_limiter_mode{mode="redis",service="gateway"} 1');
    expect(text).toMatch(/gateway_config_reloads_total\{trigger="start",result="ok",service="gateway"\} 1/);
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.error).toBeUndefined();
    expect(`${check.stdout}${check.stderr}`.trim()).toBe('');
    expect(check.status).toBe(0);
  });
});
