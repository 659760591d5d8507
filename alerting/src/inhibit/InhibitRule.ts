import type { LabelMatcher } from '../dispatch/matchers/LabelMatcher';

/** InhibitRule mutes target alerts while a source alert with the same `equal` labels fires (Alertmanager's). */
export interface InhibitRule {
  name: string;
  source: LabelMatcher[];
  target: LabelMatcher[];
  equal: string[];
}

/**
 * DEFAULT_INHIBIT_RULES: a page-tier burn mutes the ticket tier of the same tenant and SLO, and a platform-wide
 * outage (a page labelled scope="platform") mutes every per-tenant alert, whose cause it already is.
 */
export const DEFAULT_INHIBIT_RULES: readonly InhibitRule[] = [
  {
    name: 'page-burn-inhibits-ticket-burn',
    source: [{ name: 'severity', type: '=', value: 'page' }],
    target: [{ name: 'severity', type: '=', value: 'ticket' }],
    equal: ['tenant', 'slo'],
  },
  {
    name: 'platform-outage-inhibits-tenant-alerts',
    source: [
      { name: 'scope', type: '=', value: 'platform' },
      { name: 'severity', type: '=', value: 'page' },
    ],
    target: [{ name: 'tenant', type: '=~', value: '.+' }],
    equal: [],
  },
];
