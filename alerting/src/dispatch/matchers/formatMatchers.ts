import { formatMatcher } from './formatMatcher';
import type { LabelMatcher } from './LabelMatcher';

/** formatMatchers writes a list as `{a="b", c=~"d"}`, the form parseMatchers reads back. */
export function formatMatchers(ms: readonly LabelMatcher[]): string {
  return `{${ms.map(formatMatcher).join(', ')}}`;
}
