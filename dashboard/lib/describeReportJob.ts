import type { Report } from './reportApiShapes';

/** describeReportJob says where a report's job is, in words: "Queued", "Running: printing PDF (75 %)", "Done", … */
export function describeReportJob(report: Pick<Report, 'status' | 'stage' | 'progress' | 'error'>): string {
  switch (report.status) {
    case 'queued':
      return report.stage === 'waiting to retry' ? 'Queued: waiting to retry' : 'Queued';
    case 'running':
      return `Running: ${report.stage} (${Math.round(report.progress)} %)`;
    case 'done':
      return 'Done';
    case 'failed':
      return `Failed: ${report.error ?? 'no reason given'}`;
  }
}
