import { DEMO_TENANTS, LATENCY_BUCKETS_MS, SlaWindow, TenantId, TierDefaults, TraceId } from '../src';

describe('contracts', () => {
  it('seeds one demo tenant per tier with a valid id', () => {
    expect(DEMO_TENANTS.map((t) => t.tier).sort()).toEqual(['enterprise', 'free', 'pro']);
    for (const t of DEMO_TENANTS) expect(TenantId.safeParse(t.id).success).toBe(true);
  });

  it('orders tier objectives free < pro < enterprise', () => {
    expect(TierDefaults.free.availabilityObjective).toBeLessThan(TierDefaults.pro.availabilityObjective);
    expect(TierDefaults.pro.availabilityObjective).toBeLessThan(
      TierDefaults.enterprise.availabilityObjective,
    );
  });

  it('accepts only lower-case 32-hex trace ids and known windows', () => {
    expect(TraceId.safeParse('5b8efff798038103d269b633813fc60c').success).toBe(true);
    expect(TraceId.safeParse('5B8EFFF798038103D269B633813FC60C').success).toBe(false);
    expect(TraceId.safeParse("' OR 1=1 --").success).toBe(false);
    expect(SlaWindow.safeParse('7d').success).toBe(false);
  });

  it('keeps histogram bounds strictly increasing', () => {
    for (let i = 1; i < LATENCY_BUCKETS_MS.length; i++) {
      expect(LATENCY_BUCKETS_MS[i]!).toBeGreaterThan(LATENCY_BUCKETS_MS[i - 1]!);
    }
  });

  it('has a histogram bound at every tier p99 target, so no latency SLO is measured stricter than its contract', () => {
    for (const tier of Object.values(TierDefaults)) {
      expect(LATENCY_BUCKETS_MS).toContain(tier.latencyP99Ms);
    }
  });

  it('rejects hostile tenant ids', () => {
    for (const bad of ['', 'A', '../etc', 'a b', 'x'.repeat(64), "acme'; DROP"]) {
      expect(TenantId.safeParse(bad).success).toBe(false);
    }
  });
});
