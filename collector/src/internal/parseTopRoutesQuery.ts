import { BadRequestError } from '@sightline/http';
import { parseIsoInstant } from './parseIsoInstant';
import { singleQueryParams } from './singleQueryParams';

/** MAX_TOP_ROUTES is the most routes one top-failing-routes request may ask for. */
export const MAX_TOP_ROUTES = 50;

/** DEFAULT_TOP_ROUTES is how many routes are listed when `limit` is not given. */
export const DEFAULT_TOP_ROUTES = 10;

/** MAX_TOP_ROUTES_DAYS bounds the span scan of one request; spans are kept for days, not months. */
export const MAX_TOP_ROUTES_DAYS = 35;

/** TopRoutesQuery is a validated request for one tenant's most failing gateway routes over [from, to). */
export interface TopRoutesQuery {
  from: Date;
  to: Date;
  limit: number;
}

/**
 * parseTopRoutesQuery validates `?from=&to=&limit=` of GET /internal/v1/rollups/:tenant/routes: two instants with a
 * zone, from before to, at most MAX_TOP_ROUTES_DAYS apart, and a limit of 1..MAX_TOP_ROUTES; anything else is a 400.
 */
export function parseTopRoutesQuery(query: Record<string, unknown>): TopRoutesQuery {
  const params = singleQueryParams(query, ['from', 'to', 'limit']);
  const from = parseIsoInstant(params.from, 'from');
  const to = parseIsoInstant(params.to, 'to');
  if (from.getTime() >= to.getTime()) throw new BadRequestError('from must be before to');
  if (to.getTime() - from.getTime() > MAX_TOP_ROUTES_DAYS * 86_400_000)
    throw new BadRequestError(`from..to may span at most ${MAX_TOP_ROUTES_DAYS} days`);
  let limit = DEFAULT_TOP_ROUTES;
  if (params.limit !== undefined) {
    limit = /^\d{1,3}$/.test(params.limit) ? Number(params.limit) : NaN;
    if (!(limit >= 1 && limit <= MAX_TOP_ROUTES))
      throw new BadRequestError(`limit must be an integer from 1 to ${MAX_TOP_ROUTES}`);
  }
  return { from, to, limit };
}
