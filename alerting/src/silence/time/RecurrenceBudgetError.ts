/**
 * RecurrenceBudgetError stops a recurrence search that has stepped through too many periods (days, hours,
 * minutes…) without the rule producing anything, as a rule that never or very rarely occurs would.
 */
export class RecurrenceBudgetError extends Error {
  override readonly name = 'RecurrenceBudgetError';

  constructor(readonly periods: number) {
    super(`recurrence search stopped after ${periods} periods without an occurrence`);
  }
}
