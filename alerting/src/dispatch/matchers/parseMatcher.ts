import type { LabelMatcher } from './LabelMatcher';
import { MatcherScanner } from './MatcherScanner';

/**
 * parseMatcher reads one matcher in Alertmanager's text form, such as `severity=~"page|critical"`, and
 * throws MatcherSyntaxError saying what is wrong and at which column.
 */
export function parseMatcher(text: string): LabelMatcher {
  const s = new MatcherScanner(text);
  s.skipSpace();
  if (s.atEnd()) throw s.fail('expected a matcher such as severity="page", found nothing');
  const m = s.readMatcher();
  s.skipSpace();
  if (!s.atEnd()) {
    throw s.fail(
      `unexpected ${s.found()} after the matcher; parseMatcher reads one matcher, parseMatchers a list`,
    );
  }
  return m;
}
