import type { DrillReport } from '../src/DrillReport';
import { spikeDrill } from '../src/drills/spikeDrill';

describe('the spike drill (short version: one tenant at 10× its limit for 8 s)', () => {
  let report: DrillReport;

  beforeAll(async () => {
    report = await spikeDrill.run({ short: true, log: () => undefined });
  }, 45_000);

  it('gives the tenant within its limit a 2xx for every request while the other tenant spikes', () => {
    expect(report.values.steadySent).toBeGreaterThan(300);
    expect(report.values.steadyNon2xx).toBe(0);
  });

  it('answers the spiking tenant with 429s, never a 5xx, and admits about its limit', () => {
    expect(report.values.spiky429).toBeGreaterThan(1_000);
    expect(report.values.spikyServerErrors).toBe(0);
    expect(report.values.spikyFailed).toBe(0);
    expect(report.values.spikyRatio).toBeGreaterThanOrEqual(0.9);
    expect(report.values.spikyRatio).toBeLessThanOrEqual(1.1);
  });

  it('lets the spiking tenant through again once it is back within its limit, and meets every bound it reports', () => {
    expect(report.values.spikyAfterNon2xx).toBe(0);
    expect(report.failures).toEqual([]);
  });
});
