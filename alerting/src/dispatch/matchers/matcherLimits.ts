/**
 * MATCHER_LIMITS bound what a matcher may hold. Lengths count Unicode code points. The regex bound keeps
 * JavaScript's backtracking engine away from the worst inputs; see compileMatcherRegex for the rest.
 */
export const MATCHER_LIMITS = {
  maxNameLength: 256,
  maxValueLength: 1024,
  maxRegexLength: 256,
  maxMatchers: 100,
  maxTextLength: 65536,
} as const;

/** LABEL_NAME_PATTERN is Prometheus' label name syntax. */
export const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
