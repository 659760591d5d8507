import type { RequestHandler } from 'express';
import { principalOf } from '@sightline/authn';
import type { ReportsClient } from '../clients/ReportsClient';
import { ReportsQuery } from '../openapi/reportSchemas';
import { ReportScope } from './ReportScope';

/**
 * reportListRoute handles GET /v1/reports: the report archive, newest week first. A platform reader may filter by
 * tenants and kind; a tenant reader gets its own tenant's reports (naming another tenant, or asking for executive
 * summaries, is a 403).
 */
export function reportListRoute(reports: ReportsClient): RequestHandler {
  return async (req, res) => {
    const scope = ReportScope.of(principalOf(res));
    const query = scope.narrow(ReportsQuery.parse(req.query));
    const rows = await reports.list(query);
    // Defence in depth: another tenant's report never reaches a tenant token even if the service ignored the filter.
    res.set('cache-control', 'no-store').json({ reports: rows.filter((r) => scope.sees(r)) });
  };
}
