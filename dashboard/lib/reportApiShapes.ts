import { isRecord } from './isRecord';

// The client bundle does not ship zod, so these mirror Report, ReportList, ReportEnvelope and ReportRecipients of
// api/src/openapi/reportSchemas.ts.

/** ReportJobStatus is where a report's generation job is. */
export type ReportJobStatus = 'queued' | 'running' | 'done' | 'failed';

/** ReportColour is a tenant report's overall state: met, at risk, or missed. */
export type ReportColour = 'green' | 'amber' | 'red';

/** EXECUTIVE_TENANT is the tenant key of executive summaries and of their recipients. */
export const EXECUTIVE_TENANT = '*';

/** Report is a report's archive entry and job state, as the api lists it. */
export interface Report {
  id: number;
  kind: 'tenant' | 'executive';
  tenantId: string;
  weekLabel: string;
  weekStart: string;
  weekEnd: string;
  status: ReportJobStatus;
  progress: number;
  stage: string;
  trigger: 'schedule' | 'on-demand';
  requestedBy: string | null;
  error: string | null;
  summary: string | null;
  reportStatus: ReportColour | null;
  createdAt: string;
  finishedAt: string | null;
  hasData: boolean;
}

/** ReportRecipients are who receive a tenant's (or, for `*`, the executive summary's) reports by e-mail. */
export interface ReportRecipients {
  tenant: string;
  emails: string[];
}

const JOB_STATUSES: readonly string[] = ['queued', 'running', 'done', 'failed'];
const COLOURS: readonly string[] = ['green', 'amber', 'red'];
const isNullableString = (v: unknown) => v === null || typeof v === 'string';

/** isReport checks one archive entry. */
export function isReport(value: unknown): value is Report {
  if (!isRecord(value)) return false;
  const v = value;
  return (
    typeof v.id === 'number' &&
    (v.kind === 'tenant' || v.kind === 'executive') &&
    typeof v.tenantId === 'string' &&
    typeof v.weekLabel === 'string' &&
    typeof v.weekStart === 'string' &&
    typeof v.weekEnd === 'string' &&
    JOB_STATUSES.includes(v.status as string) &&
    typeof v.progress === 'number' &&
    typeof v.stage === 'string' &&
    isNullableString(v.requestedBy) &&
    isNullableString(v.error) &&
    isNullableString(v.summary) &&
    (v.reportStatus === null || COLOURS.includes(v.reportStatus as string)) &&
    typeof v.createdAt === 'string' &&
    isNullableString(v.finishedAt) &&
    typeof v.hasData === 'boolean'
  );
}

/** isReportList checks the answer of GET /v1/reports. */
export function isReportList(value: unknown): value is { reports: Report[] } {
  return isRecord(value) && Array.isArray(value.reports) && value.reports.every(isReport);
}

/** isReportEnvelope checks the answer of POST /v1/reports and GET /v1/reports/:id. */
export function isReportEnvelope(value: unknown): value is { report: Report } {
  return isRecord(value) && isReport(value.report);
}

/** isReportRecipients checks the answer of GET and PUT /v1/reports/recipients/:tenant. */
export function isReportRecipients(value: unknown): value is ReportRecipients {
  return (
    isRecord(value) &&
    typeof value.tenant === 'string' &&
    Array.isArray(value.emails) &&
    value.emails.every((e) => typeof e === 'string')
  );
}
