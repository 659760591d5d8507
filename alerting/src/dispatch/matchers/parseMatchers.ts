import type { LabelMatcher } from './LabelMatcher';
import { MATCHER_LIMITS } from './matcherLimits';
import { MatcherScanner } from './MatcherScanner';

/**
 * parseMatchers reads a list of matchers, `{a="b", c=~"d"}` or the same without braces; a trailing comma
 * is allowed and `{}` or blank text is the empty list (which matches every alert). It throws
 * MatcherSyntaxError saying what is wrong and at which column, and refuses more than 100 matchers.
 */
export function parseMatchers(text: string): LabelMatcher[] {
  const s = new MatcherScanner(text);
  const out: LabelMatcher[] = [];
  s.skipSpace();
  const open = s.pos;
  const braced = s.peek() === '{';
  if (braced) s.pos += 1;
  for (;;) {
    s.skipSpace();
    if (braced ? s.peek() === '}' || s.atEnd() : s.atEnd()) break;
    const at = s.pos;
    out.push(s.readMatcher());
    if (out.length > MATCHER_LIMITS.maxMatchers) {
      throw s.fail(`more than ${MATCHER_LIMITS.maxMatchers} matchers`, at);
    }
    s.skipSpace();
    if (s.peek() === ',') {
      s.pos += 1;
      continue;
    }
    if (braced ? s.peek() === '}' || s.atEnd() : s.atEnd()) break;
    throw s.fail(`expected ',' ${braced ? "or '}'" : 'or the end'} after a matcher, found ${s.found()}`);
  }
  if (braced) {
    if (s.atEnd()) throw s.fail("missing closing '}' for this '{'", open);
    s.pos += 1;
    s.skipSpace();
    if (!s.atEnd()) throw s.fail(`unexpected ${s.found()} after the closing '}'`);
  }
  return out;
}
