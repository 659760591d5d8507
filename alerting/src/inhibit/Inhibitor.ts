import { matchesAll } from '../dispatch/matchers/matchesAll';
import type { InhibitRule } from './InhibitRule';
import type { Muter } from './Muter';

/** Inhibitor is the Muter for inhibition rules over the currently firing alerts. */
export class Inhibitor implements Muter {
  private readonly sources: Array<{ rule: InhibitRule; alerts: Array<Record<string, string>> }>;

  /** constructor indexes, per rule, the firing alerts that can inhibit. */
  constructor(rules: readonly InhibitRule[], firing: ReadonlyArray<Record<string, string>>) {
    this.sources = rules.map((rule) => ({ rule, alerts: firing.filter((l) => matchesAll(rule.source, l)) }));
  }

  mutes(labels: Record<string, string>): string | null {
    for (const { rule, alerts } of this.sources) {
      if (alerts.length === 0 || !matchesAll(rule.target, labels)) continue;
      // An alert matching both sides cannot inhibit itself (Alertmanager's rule).
      if (matchesAll(rule.source, labels)) continue;
      const by = alerts.find((s) => rule.equal.every((name) => (s[name] ?? '') === (labels[name] ?? '')));
      if (by) return `inhibited by ${by.alertname ?? 'an alert'} (${rule.name})`;
    }
    return null;
  }
}
