import { formatDuration, formatRelative } from '../lib/formatDuration';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45_000, '45 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [12 * 60_000 + 59_000, '12 min'],
    [3 * 3_600_000, '3 h'],
    [3 * 3_600_000 + 5 * 60_000 + 30_000, '3 h 5 min'],
    [86_400_000, '1 d'],
    [2 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000, '2 d 4 h'],
  ])('shows %d ms as "%s", in its two largest units rounded down', (ms, shown) => {
    expect(formatDuration(ms)).toBe(shown);
  });

  it('counts a slightly negative length (clocks apart) as none rather than showing a minus', () => {
    expect(formatDuration(-1500)).toBe('0 s');
  });

  it('shows a dash for a missing or unreadable length', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');

  it('says how far ahead a coming escalation is', () => {
    expect(formatRelative('2026-11-25T12:04:30Z', now)).toBe('in 4 min');
  });

  it('says how long ago an overdue one was', () => {
    expect(formatRelative('2026-11-25T10:30:00Z', now)).toBe('1 h 30 min ago');
  });

  it('says now within a second either way, and a dash for no time', () => {
    expect(formatRelative('2026-11-25T12:00:00.400Z', now)).toBe('now');
    expect(formatRelative(null, now)).toBe('—');
    expect(formatRelative('soon', now)).toBe('—');
  });
});
