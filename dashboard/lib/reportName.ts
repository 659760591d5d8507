import type { Report } from './reportApiShapes';

/** reportName names a report for people: "Acme Corp 2026-W47", "Executive summary 2026-W47". */
export function reportName(
  report: Pick<Report, 'kind' | 'tenantId' | 'weekLabel'>,
  tenantName: (id: string) => string,
): string {
  return `${report.kind === 'executive' ? 'Executive summary' : tenantName(report.tenantId)} ${report.weekLabel}`;
}
