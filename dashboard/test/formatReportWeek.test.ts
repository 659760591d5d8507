import { formatReportWeek } from '../lib/formatReportWeek';

describe('formatReportWeek', () => {
  it("shows the local Monday and Sunday of a week that runs Monday to Monday in the tenant's zone", () => {
    expect(formatReportWeek('2026-11-15T23:00:00Z', '2026-11-22T23:00:00Z', 'Europe/Berlin')).toBe(
      '16 Nov – 22 Nov',
    );
    expect(formatReportWeek('2026-11-16T05:00:00Z', '2026-11-23T05:00:00Z', 'America/New_York')).toBe(
      '16 Nov – 22 Nov',
    );
  });

  it('keeps Monday to Sunday across a daylight-saving change (a 167-hour week)', () => {
    expect(formatReportWeek('2026-03-22T23:00:00Z', '2026-03-29T22:00:00Z', 'Europe/Berlin')).toBe(
      '23 Mar – 29 Mar',
    );
  });

  it('falls back to UTC for an unknown zone, and to a dash for a broken instant', () => {
    expect(formatReportWeek('2026-11-16T00:00:00Z', '2026-11-23T00:00:00Z', 'Mars/Olympus')).toBe(
      '16 Nov – 22 Nov',
    );
    expect(formatReportWeek('soon', '2026-11-23T00:00:00Z')).toBe('—');
  });
});
