import { MATCHER_LIMITS } from './matcherLimits';
import { MatcherRegex } from './regex/MatcherRegex';
import { parseRegex } from './regex/parseRegex';
import { RegexSyntaxProblem } from './regex/RegexSyntaxProblem';

/** MatcherRegexResult is a compiled matcher regex, or why the source was refused and where in it. */
export type MatcherRegexResult =
  { ok: true; regex: MatcherRegex } | { ok: false; reason: string; offset: number };

/**
 * compileMatcherRegex compiles an Alertmanager (RE2-syntax) matcher regex that must match the whole value,
 * as if written `^(?:re)$`. Matching runs in time linear in the value (see MatcherRegex), so there is no
 * catastrophic backtracking to guard against; the source is still limited to 256 characters and 1000 per
 * repeat count. What RE2 refuses (backreferences, lookaround) is refused, as are `(?m)` and `(?U)`.
 */
export function compileMatcherRegex(source: string): MatcherRegexResult {
  const length = [...source].length;
  if (length > MATCHER_LIMITS.maxRegexLength) {
    return {
      ok: false,
      reason: `regex is ${length} characters long; the limit is ${MATCHER_LIMITS.maxRegexLength}`,
      offset: 0,
    };
  }
  try {
    return { ok: true, regex: MatcherRegex.fromNode(source, parseRegex(source)) };
  } catch (err) {
    if (err instanceof RegexSyntaxProblem) {
      return { ok: false, reason: `invalid regular expression: ${err.reason}`, offset: err.offset };
    }
    throw err;
  }
}
