import type { DrillReport } from '../src/DrillReport';
import { alertEngineKillDrill } from '../src/drills/alertEngineKillDrill';

// Usually about 25 s; up to 60 s more when the kill lands while the leader holds claimed outbox rows (their lease).
describe('the alert engine kill drill (short version: 20 groups escalating, the leader killed once with SIGKILL)', () => {
  let report: DrillReport;

  beforeAll(async () => {
    report = await alertEngineKillDrill.run({ short: true, log: () => undefined });
  }, 150_000);

  it('pages every group at every step and destination, losing none, across the kill and restart', () => {
    expect(report.values.kills).toBe(1);
    expect(report.values.unaccepted).toBe(0);
    expect(report.values.groupsPaged).toBe(20);
    expect(report.values.lost).toBe(0);
    expect(report.values.unexpected).toBe(0);
    expect(report.values.violations).toBe(0);
    expect(report.values.undelivered).toBe(0);
    expect(report.values.dead).toBe(0);
  });

  it('sends no page twice except the one repeat an in-doubt outbox row allows', () => {
    expect(report.values.unexplainedDuplicates).toBe(0);
    expect(report.values.duplicates).toBeLessThanOrEqual(report.values.inDoubt!);
  });

  it('has the surviving replica take the timers over within 5 s, and meets every bound it reports', () => {
    expect(report.values.takeoverMaxMs).toBeLessThanOrEqual(5_000);
    expect(report.failures).toEqual([]);
  });
});
