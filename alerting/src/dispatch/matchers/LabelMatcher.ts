/** MATCH_TYPES are the four Alertmanager matcher operators. */
export const MATCH_TYPES = ['=', '!=', '=~', '!~'] as const;

/** MatchType is one Alertmanager matcher operator: equal, not equal, regex match, regex non-match. */
export type MatchType = (typeof MATCH_TYPES)[number];

/** LabelSet is the labels of one alert; a label that is absent counts as the empty string. */
export type LabelSet = Readonly<Record<string, string>>;

/** LabelMatcher is one Alertmanager label matcher, such as severity=~"page|critical". */
export interface LabelMatcher {
  name: string;
  type: MatchType;
  value: string;
}
