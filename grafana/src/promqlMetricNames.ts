const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/**
 * promqlMetricNames lists the metric names a PromQL expression (or a `label_values(metric, label)`
 * variable query) selects; functions, keywords, labels, strings and durations are left out.
 */
export function promqlMetricNames(expr: string): string[] {
  const labelValues = /^\s*label_values\(\s*([^,{]+)/.exec(expr);
  if (labelValues) return [labelValues[1]!.trim()];
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const m of stripped.matchAll(/(?<![\w.:$])[a-zA-Z_:][\w:]*/g)) {
    const rest = stripped.slice(m.index + m[0].length);
    if (KEYWORDS.has(m[0].toLowerCase()) || /^\s*\(/.test(rest)) continue;
    names.add(m[0]);
  }
  return [...names];
}
