import type { DrillReport } from '../src/DrillReport';
import { secretsScanDrill } from '../src/drills/secretsScanDrill';

describe('the secrets and PII scan (short version: npm start with canaries, a few rounds of traffic)', () => {
  let report: DrillReport;

  beforeAll(async () => {
    report = await secretsScanDrill.run({ short: true, log: () => undefined });
  }, 85_000);

  it('drives traffic that reaches every place a canary could leak from', () => {
    expect(report.values['logins ok']).toBeGreaterThanOrEqual(3);
    expect(report.values['logins locked out']).toBeGreaterThanOrEqual(1);
    expect(report.values['gateway 200']).toBeGreaterThan(10);
    expect(report.values['otlp accepted']).toBe(2);
    expect(report.values['e-mails delivered']).toBeGreaterThanOrEqual(1);
    expect(report.values.storedMarker).toBeGreaterThanOrEqual(2);
    expect(report.values.metricsPages).toBeGreaterThanOrEqual(6);
    expect(report.values.secrets).toBeGreaterThanOrEqual(20);
    expect(report.values['read.output']).toBeGreaterThan(100);
    expect(report.values['read.errors']).toBeGreaterThan(20);
  });

  it('finds no secret and no personal data in any output, stored signal, metrics page or error body', () => {
    const found = report.notes.filter((n) => n.startsWith('FOUND'));
    expect({ findings: report.values.findings, found }).toEqual({ findings: 0, found: [] });
    for (const key of ['output', 'stored', 'files', 'metrics', 'errors'])
      expect(report.values[`found.${key}`]).toBe(0);
  });
});
