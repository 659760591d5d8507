import type { ConfigRows } from '../src/limits/buildLimitConfig';
import { buildLimitConfig } from '../src/limits/buildLimitConfig';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const classes = { tenant: ['data', 'auth'], ip: ['auth', 'login'] };

function rows(extra: Partial<ConfigRows> = {}): ConfigRows {
  return {
    tiers: [
      {
        tier: 'free',
        per_second: 10,
        per_minute: 300,
        class_limits: { data: { perSecond: 5 }, auth: { perMinute: 10 } },
      },
      { tier: 'pro', per_second: 50, per_minute: 2000, class_limits: {} },
    ],
    tenants: [
      { id: 'a', name: 'A', tier: 'free', timezone: 'UTC', rps_override: null, shadow_mode: false },
      { id: 'b', name: 'B', tier: 'free', timezone: 'UTC', rps_override: 3, shadow_mode: true },
      { id: 'c', name: 'C', tier: 'pro', timezone: 'UTC', rps_override: 3, shadow_mode: false },
    ],
    overrides: [
      { tenant_id: 'c', per_second: 40, per_minute: null, class_limits: { data: { perMinute: 100 } } },
    ],
    adjustments: [],
    allowlist: [],
    ipLimits: [
      { endpoint_class: 'auth', per_second: 5, per_minute: 20 },
      { endpoint_class: '*', per_second: 20, per_minute: null },
    ],
    ...extra,
  };
}

const limits = (config: ReturnType<typeof buildLimitConfig>, tenant: string, cls: string) =>
  Object.fromEntries(
    config.tenants
      .get(tenant)!
      .plans.get(cls)!
      .policies.map((p) => [p.name, p.limit]),
  );

describe('resolving effective limits', () => {
  it('gives a tenant its tier’s defaults per window and per endpoint class', () => {
    const c = buildLimitConfig(rows(), classes, NOW);
    expect(limits(c, 'a', 'data')).toEqual({ 'tenant-1s': 10, 'tenant-60s': 300, 'data-1s': 5 });
    expect(limits(c, 'a', 'auth')).toEqual({ 'tenant-1s': 10, 'tenant-60s': 300, 'auth-60s': 10 });
    expect(c.tenants.get('a')!.plans.get('data')!.check.keys).toEqual([
      '{t:a}:all:1s',
      '{t:a}:all:60s',
      '{t:a}:c:data:1s',
    ]);
  });

  it('lets the legacy rps_override beat the tier, and a super-admin override beat both', () => {
    const c = buildLimitConfig(rows(), classes, NOW);
    expect(limits(c, 'b', 'data')['tenant-1s']).toBe(3);
    expect(limits(c, 'c', 'data')).toEqual({ 'tenant-1s': 40, 'tenant-60s': 2000, 'data-60s': 100 });
    expect(c.tenants.get('b')!.tenant.shadow).toBe(true);
  });

  it('applies the most specific unexpired adjustment, newest first among equals, and ignores expired ones', () => {
    const at = (s: number) => new Date(NOW + s * 1000);
    const c = buildLimitConfig(
      rows({
        adjustments: [
          {
            id: '1',
            tenant_id: null,
            endpoint_class: null,
            multiplier: 0.5,
            per_second: null,
            per_minute: null,
            expires_at: at(60),
          },
          {
            id: '2',
            tenant_id: 'a',
            endpoint_class: null,
            multiplier: 2,
            per_second: null,
            per_minute: null,
            expires_at: at(60),
          },
          {
            id: '3',
            tenant_id: 'a',
            endpoint_class: null,
            multiplier: 3,
            per_second: null,
            per_minute: null,
            expires_at: at(30),
          },
          {
            id: '4',
            tenant_id: 'a',
            endpoint_class: 'data',
            multiplier: null,
            per_second: 1,
            per_minute: null,
            expires_at: at(60),
          },
          {
            id: '5',
            tenant_id: 'b',
            endpoint_class: null,
            multiplier: 0,
            per_second: null,
            per_minute: null,
            expires_at: at(-1),
          },
        ],
      }),
      classes,
      NOW,
    );
    expect(limits(c, 'a', 'data')).toEqual({ 'tenant-1s': 30, 'tenant-60s': 900, 'data-1s': 1 });
    expect(limits(c, 'a', 'auth')).toEqual({ 'tenant-1s': 30, 'tenant-60s': 900, 'auth-60s': 30 });
    expect(limits(c, 'b', 'data')['tenant-1s']).toBe(1);
    expect(c.ipPlans.get('auth')!.limits).toEqual([2, 10]);
    expect(c.nextExpiry).toBe(NOW + 30_000);
  });

  it('gives IP-limited classes their own row or the * default', () => {
    const c = buildLimitConfig(rows(), classes, NOW);
    expect(c.ipPlans.get('auth')!.policyHeader).toBe('"ip-auth-1s";q=5;w=1, "ip-auth-60s";q=20;w=60');
    expect(c.ipPlans.get('login')!.policyHeader).toBe('"ip-login-1s";q=20;w=1');
  });

  it('builds allowlist matchers from CIDRs and user-agent prefixes', () => {
    const c = buildLimitConfig(
      rows({
        allowlist: [
          { kind: 'cidr', value: '10.0.0.0/8' },
          { kind: 'user_agent', value: 'Probe/' },
        ],
      }),
      classes,
      NOW,
    );
    expect(c.allowCidrs.matches('10.2.3.4')).toBe(true);
    expect(c.allowCidrs.matches('::ffff:10.2.3.4')).toBe(true);
    expect(c.allowCidrs.matches('11.0.0.1')).toBe(false);
    expect(c.allowAgents).toEqual(['Probe/']);
  });
});
