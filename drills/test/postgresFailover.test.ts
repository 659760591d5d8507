import type { DrillReport } from '../src/DrillReport';
import { postgresFailoverDrill } from '../src/drills/postgresFailoverDrill';

describe('the PostgreSQL failover drill (short version: primary killed after 5 s of acknowledged writes)', () => {
  let report: DrillReport;

  beforeAll(async () => {
    report = await postgresFailoverDrill.run({ short: true, log: () => undefined });
  }, 60_000);

  it('loses no acknowledged limit change: each one and its audit row are on the promoted replica', () => {
    expect(report.values.ackedBeforeKill).toBeGreaterThan(50);
    expect(report.values.lostAudit).toBe(0);
    expect(report.values.staleOverrides).toBe(0);
  });

  it('acknowledges writes again within 30 s of the kill, with config hot reload working on the new primary', () => {
    expect(report.values.recoveryMs).toBeLessThanOrEqual(30_000);
    expect(report.values.propagationMs).toBeLessThanOrEqual(5_000);
    expect(report.values.readyz).toBe(200);
  });

  it('keeps the gateway process alive through the failover, without a restart', () => {
    expect(report.values.gatewayCrashes).toBe(0);
    expect(report.failures).toEqual([]);
  });
});
