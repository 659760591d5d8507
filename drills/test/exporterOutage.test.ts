import type { DrillReport } from '../src/DrillReport';
import { exporterOutageDrill } from '../src/drills/exporterOutageDrill';

describe('the exporter outage drill (short version: Elasticsearch down for 20 s under steady ingest)', () => {
  let report: DrillReport;
  const lines: string[] = [];

  beforeAll(async () => {
    report = await exporterOutageDrill.run({ short: true, log: (l) => lines.push(l) });
  }, 120_000);

  it('acknowledges every ingest request without a 5xx while Elasticsearch is down', () => {
    expect(report.values.spansIn).toBeGreaterThan(5_000);
    expect(report.values.logsIn).toBeGreaterThan(5_000);
    expect(report.values.ingest5xx).toBe(0);
    expect(report.values.ingestFailed).toBe(0);
    expect(report.values.rejected).toBe(0);
  });

  it('delivers every acknowledged span and log to Elasticsearch once it is back, and to Jaeger all along', () => {
    expect(report.values.depthAtBack).toBeGreaterThan(1_000);
    expect(report.values.esSpansLost).toBe(0);
    expect(report.values.esLogsLost).toBe(0);
    expect(report.values.jaegerSpansLost).toBe(0);
    expect(report.values.jaegerBehind).toBe(0);
    expect(report.values.jaegerDuplicates).toBe(0);
    expect(report.values.dropped).toBe(0);
    expect(report.values.depthAfter).toBe(0);
  });

  it("keeps the collector's memory under its container limit while the backlog waits on disk, and meets every bound it reports", () => {
    expect(report.values.rssMax).toBeLessThanOrEqual(768 * 1024 * 1024);
    expect(lines.some((l) => l.startsWith('Elasticsearch back'))).toBe(true);
    expect(report.failures).toEqual([]);
  });
});
