import { compileMatcherRegex } from './compileMatcherRegex';
import type { LabelMatcher } from './LabelMatcher';
import { LABEL_NAME_PATTERN, MATCHER_LIMITS } from './matcherLimits';

/** MatcherFieldProblem names the field of a matcher that is wrong, what is wrong, and where in the value. */
export interface MatcherFieldProblem {
  field: 'name' | 'value';
  message: string;
  /** offset is the index in the value where a regex problem was found (0 when unknown). */
  offset: number;
}

/** checkMatcherFields applies the rules both the JSON schema and the text parser enforce on one matcher. */
export function checkMatcherFields(m: LabelMatcher): MatcherFieldProblem | null {
  const nameLength = [...m.name].length;
  if (nameLength > MATCHER_LIMITS.maxNameLength) {
    return problem(
      'name',
      `label name is ${nameLength} characters long; the limit is ${MATCHER_LIMITS.maxNameLength}`,
    );
  }
  if (!LABEL_NAME_PATTERN.test(m.name)) {
    return problem(
      'name',
      `label name ${JSON.stringify(m.name)} is not a Prometheus label name (letters, digits and _, not starting with a digit)`,
    );
  }
  const valueLength = [...m.value].length;
  if (valueLength > MATCHER_LIMITS.maxValueLength) {
    return problem(
      'value',
      `value is ${valueLength} characters long; the limit is ${MATCHER_LIMITS.maxValueLength}`,
    );
  }
  if (m.type === '=~' || m.type === '!~') {
    const r = compileMatcherRegex(m.value);
    if (!r.ok) return { field: 'value', message: r.reason, offset: r.offset };
  }
  return null;
}

function problem(field: 'name' | 'value', message: string): MatcherFieldProblem {
  return { field, message, offset: 0 };
}
