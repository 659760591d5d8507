import type { LabelMatcher, LabelSet } from './LabelMatcher';
import { matches } from './matches';

/** matchesAll says whether the labels satisfy every matcher; the empty list matches every alert. */
export function matchesAll(ms: readonly LabelMatcher[], labels: LabelSet): boolean {
  return ms.every((m) => matches(m, labels));
}
