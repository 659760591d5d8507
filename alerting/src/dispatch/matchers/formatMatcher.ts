import type { LabelMatcher } from './LabelMatcher';

/**
 * formatMatcher writes a matcher in Alertmanager's text form with the value always quoted, escaping
 * `\`, `"` and newlines, so that parseMatcher(formatMatcher(m)) gives m back.
 */
export function formatMatcher(m: LabelMatcher): string {
  const value = m.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `${m.name}${m.type}"${value}"`;
}
