import type { SlaSnapshot } from '@sightline/contracts';

/** makeSnapshot builds a healthy 5m pro-tier snapshot for tenant "acme", with the given fields replaced. */
export function makeSnapshot(overrides: Partial<SlaSnapshot> = {}): SlaSnapshot {
  return {
    tenantId: 'acme',
    tier: 'pro',
    window: '5m',
    from: '2026-11-25T11:55:00.000Z',
    to: '2026-11-25T12:00:00.000Z',
    requests: 12345,
    errors: 2,
    rateLimited: 40,
    availability: 0.99984,
    latencyMs: { p50: 12, p95: 80, p99: 142.6 },
    objective: 0.999,
    errorBudgetRemaining: 0.84,
    updatedAt: '2026-11-25T12:00:00.000Z',
    ...overrides,
  };
}
