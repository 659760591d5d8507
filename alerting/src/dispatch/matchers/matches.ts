import type { LabelMatcher, LabelSet } from './LabelMatcher';
import { labelValue } from './labelValue';
import { regexFor } from './regexFor';

/**
 * matches says whether an alert's labels satisfy one matcher with Alertmanager's semantics: a missing
 * label is "", and regexes must match the whole value. It throws MatcherSyntaxError for a bad regex; use
 * CompiledMatchers on hot paths to check regexes once, up front.
 */
export function matches(m: LabelMatcher, labels: LabelSet): boolean {
  const v = labelValue(labels, m.name);
  switch (m.type) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return regexFor(m.value).test(v);
    case '!~':
      return !regexFor(m.value).test(v);
  }
}
