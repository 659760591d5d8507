import { formatDateTime, NO_VALUE } from '../lib/format';
import { formatReportWeek } from '../lib/formatReportWeek';
import type { Report } from '../lib/reportApiShapes';
import { reportName } from '../lib/reportName';
import { ReportFileLinks } from './ReportFileLinks';
import { ReportJobState } from './ReportJobState';
import { ReportStatusBadge } from './ReportStatusBadge';

/** ReportArchiveTableProps carry the reports in display order and what the links need. */
export interface ReportArchiveTableProps {
  reports: readonly Report[];
  apiUrl: string;
  token: string;
  /** tenantName names a tenant id ('*' is the executive summary). */
  tenantName: (tenantId: string) => string;
  /** timeZoneOf is a tenant's IANA time zone, in which its weeks run, when known. */
  timeZoneOf: (tenantId: string) => string | undefined;
  onUnauthorized: () => void;
}

/**
 * ReportArchiveTable lists weekly reports: week, tenant, colour with its meaning in words, the one-line summary,
 * when it was generated, the job's state (a progress bar while it runs) and links to the PDF and HTML.
 */
export function ReportArchiveTable({
  reports,
  apiUrl,
  token,
  tenantName,
  timeZoneOf,
  onUnauthorized,
}: ReportArchiveTableProps) {
  return (
    <div className="table-scroll">
      <table className="alert-table report-table" data-testid="reports">
        <caption className="visually-hidden">Weekly SLA reports, newest week first</caption>
        <thead>
          <tr>
            <th scope="col">Week</th>
            <th scope="col">Tenant</th>
            <th scope="col">Status</th>
            <th scope="col">Summary</th>
            <th scope="col">Generated</th>
            <th scope="col">Job</th>
            <th scope="col">Files</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => {
            const name = reportName(r, tenantName);
            return (
              <tr key={r.id} data-testid="report-row" data-report-id={r.id} data-status={r.status}>
                <th scope="row">
                  {r.weekLabel}
                  <span className="board-note report-week-dates" data-testid="report-week-dates">
                    {formatReportWeek(r.weekStart, r.weekEnd, timeZoneOf(r.tenantId))}
                  </span>
                </th>
                <td>{r.kind === 'executive' ? 'All tenants (executive summary)' : tenantName(r.tenantId)}</td>
                <td>
                  <ReportStatusBadge report={r} />
                </td>
                <td className="report-summary" data-testid="report-summary">
                  {r.summary ?? NO_VALUE}
                </td>
                <td>
                  {r.finishedAt !== null && r.status === 'done' ? (
                    <time dateTime={r.finishedAt}>{formatDateTime(r.finishedAt)}</time>
                  ) : (
                    NO_VALUE
                  )}
                </td>
                <td data-testid="report-job">
                  <ReportJobState report={r} name={name} />
                </td>
                <td>
                  {r.hasData ? (
                    <ReportFileLinks
                      apiUrl={apiUrl}
                      token={token}
                      id={r.id}
                      name={name}
                      onUnauthorized={onUnauthorized}
                    />
                  ) : (
                    <span className="board-note">Not ready</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
