import type { RequestHandler } from 'express';
import { principalOf } from '@sightline/authn';
import type { ReportsClient } from '../clients/ReportsClient';
import { ReportScope } from './ReportScope';
import { visibleReport } from './visibleReport';

/** reportRoute handles GET /v1/reports/:id: one report's entry and job state (status, progress, stage, error). */
export function reportRoute(reports: ReportsClient): RequestHandler {
  return async (req, res) => {
    const report = await visibleReport(reports, ReportScope.of(principalOf(res)), req.params);
    res.set('cache-control', 'no-store').json({ report });
  };
}
