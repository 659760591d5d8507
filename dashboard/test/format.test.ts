import {
  formatAvailability,
  formatBudget,
  formatClock,
  formatCount,
  formatMs,
  formatShare,
  NO_VALUE,
} from '../lib/format';

describe('format helpers', () => {
  it('shows availability as a percentage with three decimals', () => {
    expect(formatAvailability(0.99984)).toBe('99.984%');
    expect(formatAvailability(1)).toBe('100.000%');
    expect(formatAvailability(0)).toBe('0.000%');
  });

  it('shows a dash instead of an availability when there was no traffic', () => {
    expect(formatAvailability(null)).toBe(NO_VALUE);
    expect(formatAvailability(undefined)).toBe(NO_VALUE);
    expect(formatAvailability(Number.NaN)).toBe(NO_VALUE);
  });

  it('shows the error budget left with one decimal, including an overspent budget', () => {
    expect(formatBudget(0.84)).toBe('84.0%');
    expect(formatBudget(1)).toBe('100.0%');
    expect(formatBudget(-1.255)).toBe('-125.5%');
  });

  it('shows a budget overspent by thousands of percent in whole numbers so the tile keeps its width', () => {
    expect(formatBudget(-15.66)).toBe('-1,566%');
  });

  it('never shows a negative zero budget', () => {
    expect(formatBudget(-0.0001)).toBe('0.0%');
  });

  it('shows latency in whole milliseconds, with one decimal under 10 ms', () => {
    expect(formatMs(142.6)).toBe('143 ms');
    expect(formatMs(4.26)).toBe('4.3 ms');
    expect(formatMs(12500)).toBe('12,500 ms');
    expect(formatMs(null)).toBe(NO_VALUE);
  });

  it('shows request counts with thousands separators', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
  });

  it('shows the update time as a 24-hour hh:mm:ss clock', () => {
    expect(formatClock('2026-11-25T21:04:05.900Z', 'UTC')).toBe('21:04:05');
    expect(formatClock('2026-11-25T00:00:00Z', 'UTC')).toBe('00:00:00');
  });

  it('shows a dash for a missing or unreadable update time', () => {
    expect(formatClock('not a date')).toBe(NO_VALUE);
    expect(formatClock(null)).toBe(NO_VALUE);
  });

  it('shows a share with two decimals under 10 %, one above, a plain 0 % and a dash for none', () => {
    expect(formatShare(0.0032)).toBe('0.32%');
    expect(formatShare(0.2)).toBe('20.0%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(null)).toBe(NO_VALUE);
  });
});
