import { isStale, STALE_AFTER_MS, tileStatus } from '../lib/status';
import { makeSnapshot } from './support/makeSnapshot';

describe('tileStatus', () => {
  it.each([
    ['is ok with more than half the error budget left', { errorBudgetRemaining: 0.84 }, 'ok'],
    ['is a warning with exactly half the budget left', { errorBudgetRemaining: 0.5 }, 'warning'],
    [
      'is a warning with the budget just exhausted',
      { availability: 0.999, errorBudgetRemaining: 0 },
      'warning',
    ],
    [
      'is a breach once the budget is overspent',
      { availability: 0.9985, errorBudgetRemaining: -0.5 },
      'breach',
    ],
    [
      'is a breach when availability is under the objective whatever the budget says',
      { availability: 0.95, errorBudgetRemaining: 0.9 },
      'breach',
    ],
    [
      'is ok with traffic but no budget figure when availability meets the objective',
      { errorBudgetRemaining: null },
      'ok',
    ],
    [
      'has no data when the window saw no traffic',
      { availability: null, requests: 0, errorBudgetRemaining: null },
      'nodata',
    ],
  ] as const)('%s', (_name, overrides, expected) => {
    expect(tileStatus(makeSnapshot(overrides))).toBe(expected);
  });

  it('has no data before any snapshot arrived', () => {
    expect(tileStatus(undefined)).toBe('nodata');
  });
});

describe('isStale', () => {
  it('treats an update as stale only once it is older than 15 seconds', () => {
    expect(STALE_AFTER_MS).toBe(15_000);
    expect(isStale(100_000, 115_000)).toBe(false);
    expect(isStale(100_000, 115_001)).toBe(true);
  });

  it('does not call a tile stale that never received an update', () => {
    expect(isStale(undefined, Date.now())).toBe(false);
  });
});
