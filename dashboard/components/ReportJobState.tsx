import { describeReportJob } from '../lib/describeReportJob';
import type { Report } from '../lib/reportApiShapes';

/** ReportJobStateProps carry the report and how to name it to screen readers. */
export interface ReportJobStateProps {
  report: Pick<Report, 'status' | 'stage' | 'progress' | 'error'>;
  /** name says which report the progress bar belongs to, e.g. "Acme Corp 2026-W47". */
  name: string;
}

/** ReportJobState shows where a report's job is, in words, with a progress bar while it is queued or running. */
export function ReportJobState({ report, name }: ReportJobStateProps) {
  const active = report.status === 'queued' || report.status === 'running';
  return (
    <div className="report-job-state" data-status={report.status}>
      <span className="report-job-text" data-testid="report-job-text">
        {describeReportJob(report)}
      </span>
      {active ? (
        <progress
          className="report-progress"
          max={100}
          value={Math.max(0, Math.min(100, report.progress))}
          aria-label={`Progress of ${name}`}
        >
          {Math.round(report.progress)} %
        </progress>
      ) : null}
    </div>
  );
}
