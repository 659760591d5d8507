import type { DrillReport } from '../src/DrillReport';
import { fuzzDrill } from '../src/drills/fuzzDrill';

describe('the fuzz drill (short version: 300 generated hostile inputs per target)', () => {
  let report: DrillReport;
  const lines: string[] = [];

  beforeAll(async () => {
    report = await fuzzDrill.run({ short: true, log: (l) => lines.push(l) });
  }, 120_000);

  it('sends 300 inputs to each of the receivers, intakes, log searches and JSON APIs of six services', () => {
    expect(report.values.targets).toBeGreaterThanOrEqual(15);
    expect(report.values.inputs).toBe(report.values.targets! * 300);
    expect(report.values.unsent).toBe(0);
  });

  it('answers every input with a 2xx or a 4xx that gives its reason, never a 5xx, never a dropped connection', () => {
    expect(report.values.serverErrors).toBe(0);
    expect(report.values.noAnswer).toBe(0);
    expect(report.values.badAnswers).toBe(0);
  });

  it('leaves every service alive and healthy, below its production memory limit, and meets every bound it reports', () => {
    expect(report.values.unhealthy).toBe(0);
    expect(report.values.overMemory).toBe(0);
    expect(report.values.allHealthy).toBe(1);
    expect(report.failures).toEqual([]);
  });
});
