import type { LabelSet } from './LabelMatcher';

/**
 * labelValue is a label's value, or "" when the alert does not have it, as in Alertmanager. Only own
 * properties count, so a label named `constructor` or `__proto__` never reads Object.prototype.
 */
export function labelValue(labels: LabelSet, name: string): string {
  if (!Object.hasOwn(labels, name)) return '';
  const v: unknown = labels[name];
  return typeof v === 'string' ? v : '';
}
