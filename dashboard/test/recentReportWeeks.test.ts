import { isoWeekLabel } from '../lib/isoWeekLabel';
import { recentReportWeeks } from '../lib/recentReportWeeks';

describe('isoWeekLabel', () => {
  it.each([
    ['2026-11-16', '2026-W47'],
    ['2026-11-22', '2026-W47'],
    ['2026-01-01', '2026-W01'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
  ])('names the ISO week of %s as %s, whose year is the year of its Thursday', (day, label) => {
    expect(isoWeekLabel(Date.parse(`${day}T00:00:00Z`))).toBe(label);
  });
});

describe('recentReportWeeks', () => {
  it('lists the last twelve complete weeks, newest first, Monday to Sunday', () => {
    const weeks = recentReportWeeks(Date.parse('2026-11-25T09:00:00Z'));
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toEqual({ label: '2026-W47', monday: '2026-11-16', sunday: '2026-11-22' });
    expect(weeks[11]).toEqual({ label: '2026-W36', monday: '2026-08-31', sunday: '2026-09-06' });
  });

  it('leaves out the week just ended until it has ended at UTC−12 too (Monday 12:00 UTC)', () => {
    expect(recentReportWeeks(Date.parse('2026-11-23T11:59:59Z'))[0]!.label).toBe('2026-W46');
    expect(recentReportWeeks(Date.parse('2026-11-23T12:00:00Z'))[0]!.label).toBe('2026-W47');
  });

  it('crosses into the previous ISO year with its 53rd week', () => {
    expect(recentReportWeeks(Date.parse('2021-01-13T12:00:00Z'), 2).map((w) => w.label)).toEqual([
      '2021-W01',
      '2020-W53',
    ]);
  });
});
