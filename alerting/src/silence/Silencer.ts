import type { LabelMatcher } from '../dispatch/matchers/LabelMatcher';
import { matchesAll } from '../dispatch/matchers/matchesAll';
import type { Muter } from '../inhibit/Muter';
import { activeOccurrence } from './time/activeOccurrence';
import type { TimeWindow } from './time/TimeWindow';

/** SilenceRule is a stored silence reduced to what muting needs. */
export interface SilenceRule {
  id: string;
  kind: 'silence' | 'maintenance';
  matchers: LabelMatcher[];
  window: TimeWindow;
  expiredAt: Date | null;
}

/** effectiveMatchers adds the tenant and service shorthands to a silence's matchers. */
export function effectiveMatchers(s: {
  matchers: LabelMatcher[];
  tenant?: string | null;
  service?: string | null;
}): LabelMatcher[] {
  const out = [...s.matchers];
  if (s.tenant) out.push({ name: 'tenant', type: '=', value: s.tenant });
  if (s.service) out.push({ name: 'service', type: '=', value: s.service });
  return out;
}

/** Silencer is the Muter for silences and maintenance windows at one instant. */
export class Silencer implements Muter {
  private readonly active: Array<{ rule: SilenceRule; start: Date; end: Date }>;

  /** constructor keeps the silences whose window covers `at` and that nobody expired. */
  constructor(rules: readonly SilenceRule[], at: Date) {
    this.active = [];
    for (const rule of rules) {
      if (rule.expiredAt && rule.expiredAt <= at) continue;
      const occ = activeOccurrence(rule.window, at);
      if (!occ) continue;
      const end = rule.expiredAt && rule.expiredAt < occ.end ? rule.expiredAt : occ.end;
      this.active.push({ rule, start: occ.start, end });
    }
  }

  mutes(labels: Record<string, string>): string | null {
    const hit = this.active.find((a) => matchesAll(a.rule.matchers, labels));
    return hit ? `${hit.rule.kind} ${hit.rule.id}` : null;
  }

  /** mutedUntil is when the earliest matching silence ends, so a muted group is looked at again then. */
  mutedUntil(labels: Record<string, string>): Date | null {
    let min: Date | null = null;
    for (const a of this.active)
      if (matchesAll(a.rule.matchers, labels) && (!min || a.end < min)) min = a.end;
    return min;
  }

  /** activeWindow is the occurrence of a silence in force now, if it is. */
  activeWindow(id: string): { start: Date; end: Date } | null {
    const a = this.active.find((x) => x.rule.id === id);
    return a ? { start: a.start, end: a.end } : null;
  }
}
