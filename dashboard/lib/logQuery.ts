/** LogQuery is an explorer search as the URL holds it; every field is optional and times are ISO 8601. */
export interface LogQuery {
  tenant?: string;
  service?: string;
  severity?: string;
  q?: string;
  from?: string;
  to?: string;
  traceId?: string;
}

/** LOG_QUERY_KEYS lists the URL parameters of the explorer, in the order they are written. */
export const LOG_QUERY_KEYS = ['tenant', 'service', 'severity', 'q', 'from', 'to', 'traceId'] as const;

/** SEVERITIES are the minimum severities the explorer offers, as the api accepts them. */
export const SEVERITIES = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/** logQueryFromParams reads a LogQuery from URL search params, ignoring blank and unknown ones. */
export function logQueryFromParams(params: { get(name: string): string | null }): LogQuery {
  const query: LogQuery = {};
  for (const key of LOG_QUERY_KEYS) {
    const value = params.get(key)?.trim();
    if (value !== undefined && value !== '') query[key] = value;
  }
  return query;
}

/** logQueryToParams writes a LogQuery as URL search params, leaving out blank fields. */
export function logQueryToParams(query: LogQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of LOG_QUERY_KEYS) {
    const value = query[key]?.trim();
    if (value !== undefined && value !== '') params.set(key, value);
  }
  return params;
}

/** exploreHref is the explorer URL that runs the given search. */
export function exploreHref(query: LogQuery): string {
  const search = logQueryToParams(query).toString();
  return search === '' ? '/explore' : `/explore?${search}`;
}

/** logsAround is the search for the logs of one tenant within a margin around a time span (a slow span, say). */
export function logsAround(
  tenant: string,
  startIso: string,
  endIso: string,
  marginMs = 60_000,
  traceId?: string,
): LogQuery {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  return {
    tenant,
    from: new Date(start - marginMs).toISOString(),
    to: new Date(end + marginMs).toISOString(),
    ...(traceId === undefined ? {} : { traceId }),
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** isoToLocalInput turns an ISO timestamp into a datetime-local value in the viewer's time zone ('' if unreadable). */
export function isoToLocalInput(iso: string | undefined): string {
  if (iso === undefined) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** localInputToIso turns a datetime-local value (the viewer's time zone) into an ISO timestamp, or undefined. */
export function localInputToIso(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
