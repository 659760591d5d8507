import type { Report } from '../lib/reportApiShapes';

/** REPORT_COLOUR_LABEL says what a report's colour means, in words, so colour is never the only cue. */
export const REPORT_COLOUR_LABEL = {
  green: 'Green: on track',
  amber: 'Amber: at risk',
  red: 'Red: objective missed',
} as const;

/** ReportStatusBadge shows a report's overall state as a coloured badge with its meaning in words. */
export function ReportStatusBadge({ report }: { report: Pick<Report, 'kind' | 'reportStatus' | 'status'> }) {
  const colour = report.reportStatus;
  const text =
    colour !== null
      ? REPORT_COLOUR_LABEL[colour]
      : report.status !== 'done'
        ? 'Not generated yet'
        : report.kind === 'executive'
          ? 'Summary of all tenants'
          : 'Not rated';
  return (
    <span className="report-colour" data-colour={colour ?? 'none'} data-testid="report-colour">
      <span className="status-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
