import { NotFoundError } from '@sightline/http';
import type { ReportsClient } from '../clients/ReportsClient';
import type { Report } from '../openapi/reportSchemas';
import { ReportParams } from '../openapi/reportSchemas';
import type { ReportScope } from './ReportScope';

/**
 * visibleReport fetches a report's entry and checks the caller may see it; another tenant's report is the same 404
 * as a missing one, so a tenant token cannot learn which ids exist.
 */
export async function visibleReport(
  reports: ReportsClient,
  scope: ReportScope,
  params: unknown,
): Promise<Report> {
  const id = Number(ReportParams.parse(params).id);
  const report = await reports.get(id);
  if (report === null || report.id !== id || !scope.sees(report)) throw new NotFoundError(`no report ${id}`);
  return report;
}
