/** AlertStateFilter is a state the alerts list can filter on; open is every state but resolved. */
export type AlertStateFilter = 'open' | 'firing' | 'acknowledged' | 'pending' | 'resolved';

/** ALERT_STATE_FILTERS are the state filters the list offers, in the order it offers them. */
export const ALERT_STATE_FILTERS: readonly AlertStateFilter[] = [
  'open',
  'firing',
  'acknowledged',
  'pending',
  'resolved',
];

/** AlertQuery is the alerts list's filter as the URL holds it; every field is optional. */
export interface AlertQuery {
  tenant?: string;
  state?: AlertStateFilter;
  severity?: string;
}

const KEYS = ['tenant', 'state', 'severity'] as const;

/** ALERT_LIST_LIMIT is how many groups one refresh of the list asks for (the api allows up to 500). */
export const ALERT_LIST_LIMIT = 200;

/** alertQueryFromParams reads the filter from URL search params, ignoring blank, unknown and bad values. */
export function alertQueryFromParams(params: { get(name: string): string | null }): AlertQuery {
  const query: AlertQuery = {};
  for (const key of KEYS) {
    const value = params.get(key)?.trim();
    if (value === undefined || value === '') continue;
    if (key === 'state') {
      if ((ALERT_STATE_FILTERS as readonly string[]).includes(value)) query.state = value as AlertStateFilter;
    } else query[key] = value;
  }
  return query;
}

/** alertQueryToParams writes the filter as URL search params, leaving out blank fields. */
export function alertQueryToParams(query: AlertQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = query[key]?.trim();
    if (value !== undefined && value !== '') params.set(key, value);
  }
  return params;
}

/** alertsHref is the alerts list's URL for a filter. */
export function alertsHref(query: AlertQuery): string {
  const search = alertQueryToParams(query).toString();
  return search === '' ? '/alerts' : `/alerts?${search}`;
}

/** alertGroupsPath is the api path that lists the groups a filter selects. */
export function alertGroupsPath(query: AlertQuery, limit = ALERT_LIST_LIMIT): string {
  const params = alertQueryToParams(query);
  params.set('limit', String(limit));
  return `/v1/alert-groups?${params.toString()}`;
}
