import { formatPercent } from './formatPercent';

/**
 * formatSloPercent writes an achieved SLI percentage with one decimal more than its objective (2 or 3), so a
 * value just below the objective never reads as equal to it, e.g. 99.946 against 99.95 gives "99.946 %".
 */
export function formatSloPercent(value: number, objectivePercent: number | null): string {
  if (objectivePercent === null) return formatPercent(value, 2);
  const objectiveDecimals = (String(objectivePercent).split('.')[1] ?? '').length;
  return formatPercent(value, Math.min(3, Math.max(2, objectiveDecimals + 1)), objectivePercent);
}
