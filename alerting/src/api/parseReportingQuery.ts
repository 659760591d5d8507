import { TenantId } from '@sightline/contracts';
import { BadRequestError } from '@sightline/http';
import { z } from 'zod';
import { parseQuery } from '../slo/api/parseQuery';

/** MAX_REPORTING_DAYS is the longest [from, to) a reporting request may ask for. */
export const MAX_REPORTING_DAYS = 400;

// zod's ISO check refuses days a month does not have, hour 24 and leap seconds, which Date.parse lets through.
const INSTANT = z.iso.datetime({ offset: true });

/** ReportingQuery is a validated `?tenant=&from=&to=` of the reporting endpoints: one tenant over [from, to). */
export interface ReportingQuery {
  tenant: string;
  from: Date;
  to: Date;
}

function instant(name: string, value: string | undefined): Date {
  if (value === undefined) throw new BadRequestError(`${name} is required: an ISO 8601 instant with a zone`);
  if (!INSTANT.safeParse(value).success)
    throw new BadRequestError(`${name} must be an ISO 8601 instant with a zone, e.g. 2026-01-31T12:00:00Z`);
  return new Date(Date.parse(value));
}

/**
 * parseReportingQuery validates `?tenant=&from=&to=`: a tenant id, two ISO instants with a zone, from before to,
 * at most MAX_REPORTING_DAYS apart; an unknown or repeated parameter is a 400 too, so a typo is never ignored.
 */
export function parseReportingQuery(query: unknown): ReportingQuery {
  const q = parseQuery(query, ['tenant', 'from', 'to']);
  if (q.tenant === undefined) throw new BadRequestError('tenant is required: 1-63 of [a-z0-9_-]');
  const tenant = TenantId.safeParse(q.tenant);
  if (!tenant.success) throw new BadRequestError('tenant must be 1-63 of [a-z0-9_-]');
  const from = instant('from', q.from);
  const to = instant('to', q.to);
  if (from.getTime() >= to.getTime()) throw new BadRequestError('from must be before to');
  if (to.getTime() - from.getTime() > MAX_REPORTING_DAYS * 86_400_000)
    throw new BadRequestError(`from..to may span at most ${MAX_REPORTING_DAYS} days`);
  return { tenant: tenant.data, from, to };
}
