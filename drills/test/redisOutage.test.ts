import type { DrillReport } from '../src/DrillReport';
import { redisOutageDrill } from '../src/drills/redisOutageDrill';

describe('the Redis outage drill (short version: Redis killed for 5 s under load)', () => {
  let report: DrillReport;
  const lines: string[] = [];

  beforeAll(async () => {
    report = await redisOutageDrill.run({ short: true, log: (l) => lines.push(l) });
  }, 60_000);

  it('answers every request without a 5xx or a failed connection while Redis is down and after it comes back', () => {
    expect(report.values.sent).toBeGreaterThan(4_000);
    expect(report.values.serverErrors).toBe(0);
    expect(report.values.failed).toBe(0);
  });

  // Only upper bounds before and after: on a busy machine a check can outlive REDIS_COMMAND_TIMEOUT_MS and send the
  // node to the fallback while Redis is up, which lowers those ratios; the report counts it (spuriousFallbacks).
  it('never admits more than the limit, and holds limit ÷ GATEWAY_REPLICAS per node once in the fallback', () => {
    expect(report.values.ratioBefore).toBeLessThanOrEqual(1.1);
    expect(report.values.ratioDuringPerNode).toBeGreaterThanOrEqual(0.85);
    expect(report.values.ratioDuringPerNode).toBeLessThanOrEqual(1.15);
    expect(report.values.ratioAfter).toBeLessThanOrEqual(1.1);
  });

  // At least once, not exactly once: the report counts flapping (a late Redis answer closing the open breaker) and
  // fallbacks while Redis is up as figures of their own, with bound 0 (see docs/reliability.md, findings).
  it('switches to the fallback during the outage and back to Redis after the restart, within bounds', () => {
    expect(report.values.fallbackDuringOutage).toBeGreaterThanOrEqual(1);
    expect(report.values.backAfterRestart).toBeGreaterThanOrEqual(1);
    expect(report.values.endsInRedis).toBe(1);
    expect(report.values.toFallbackMs).toBeLessThanOrEqual(2_000);
    expect(report.values.toRedisMs).toBeLessThanOrEqual(5_000);
    expect(report.values.metricAgreesWithLogs).toBe(0);
    expect(lines.some((l) => l.startsWith('redis-server killed'))).toBe(true);
  });
});
