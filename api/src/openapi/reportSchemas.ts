import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { TenantId } from '@sightline/contracts';
import { z } from 'zod';
import { limitParam } from './alertSchemas';

// The shapes of the reports service's internal API (reports/src/api/reportRoutes.ts, db/ReportArchive.ts), as the
// api re-serves them. Queries and bodies are strict, like the service's own; answers are not, so a field the
// service adds later is dropped here rather than failing every request.
extendZodWithOpenApi(z);

/** EXECUTIVE_TENANT is the tenant key of executive summaries and of their recipients. */
export const EXECUTIVE_TENANT = '*';

const TENANT = '[a-z0-9_][a-z0-9_-]{0,62}';
const TENANT_LIST = new RegExp(`^(?:${TENANT}|\\*)(?:,(?:${TENANT}|\\*)){0,99}$`);
const MAX_ID = 2 ** 31 - 1;

/** ReportTenant is a tenant id, or `*` for the executive summary across tenants. */
export const ReportTenant = z.union([TenantId.clone(), z.literal(EXECUTIVE_TENANT)]);

const reportId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'report id must be a positive integer')
  .refine((v) => Number(v) <= MAX_ID, 'report id must be a positive integer');

/** ReportKind says whether a report is one tenant's weekly report or the executive summary across tenants. */
export const ReportKind = z.enum(['tenant', 'executive']);

/** ReportsQuery is the query string of GET /v1/reports. */
export const ReportsQuery = z.strictObject({
  tenant: z
    .string()
    .max(2000)
    .regex(TENANT_LIST, 'tenant must be a comma list of at most 100 tenant ids, or * for executive summaries')
    .optional()
    .openapi({
      param: {
        name: 'tenant',
        in: 'query',
        description:
          "only these tenants' reports (comma list; * is the executive summary); tenant users always get their own",
      },
      example: 'acme,globex',
    }),
  kind: ReportKind.optional().openapi({
    param: { name: 'kind', in: 'query', description: 'only tenant reports, or only executive summaries' },
  }),
  limit: limitParam(200, 50),
  before: reportId.optional().openapi({
    param: { name: 'before', in: 'query', description: 'page backwards: only reports with a lower id' },
  }),
});
/** ReportsQuery is the validated query string of GET /v1/reports. */
export type ReportsQuery = z.infer<typeof ReportsQuery>;

/** ReportParams are the path parameters of /v1/reports/:id…; a plain decimal id, no 0x or 1e3. */
export const ReportParams = z.object({
  id: reportId.openapi({ param: { name: 'id', in: 'path', description: 'report id' }, example: '42' }),
});

/** CreateReportRequest is the body of POST /v1/reports; who asked is the token's subject, never the body. */
export const CreateReportRequest = z
  .strictObject({
    kind: ReportKind,
    tenant: TenantId.clone()
      .optional()
      .openapi({ description: "the tenant of a tenant report; a tenant user's own tenant when absent" }),
    week: z
      .string()
      .regex(/^\d{4}-W\d{2}$/, 'week must look like 2026-W47')
      .optional()
      .openapi({
        description: 'ISO week, e.g. 2026-W47; the last complete week when absent',
        example: '2026-W47',
      }),
    force: z
      .boolean()
      .optional()
      .openapi({ description: 'generate again even if the report exists (re-runs a done or failed job)' }),
  })
  .refine((b) => b.kind === 'tenant' || b.tenant === undefined, {
    message: 'an executive summary covers every tenant: leave tenant out',
    path: ['tenant'],
  })
  .openapi('CreateReportRequest');
/** CreateReportRequest is a validated POST /v1/reports body. */
export type CreateReportRequest = z.infer<typeof CreateReportRequest>;

const instant = z.string().describe('ISO 8601 instant');

/** Report is a report's archive entry and job state, without its content. */
export const Report = z
  .object({
    id: z.number().int().positive(),
    kind: ReportKind,
    tenantId: ReportTenant.describe('the tenant; * for an executive summary'),
    weekLabel: z.string().describe('ISO week, e.g. 2026-W47'),
    weekStart: instant.describe("Monday 00:00 in the tenant's time zone, as a UTC instant"),
    weekEnd: instant.describe('the next Monday 00:00 (167 or 169 hours later across a DST change)'),
    status: z.enum(['queued', 'running', 'done', 'failed']).describe('job state'),
    progress: z.number().int().min(0).max(100).describe('job progress in per cent'),
    stage: z.string().describe('what the job is doing, in words'),
    trigger: z.enum(['schedule', 'on-demand']),
    requestedBy: z.string().nullable().describe('the token subject that asked for it; null when scheduled'),
    attempts: z.number().int().nonnegative(),
    error: z.string().nullable().describe('why the last attempt failed'),
    summary: z.string().nullable().describe('the plain-language first line, once generated'),
    reportStatus: z
      .enum(['green', 'amber', 'red'])
      .nullable()
      .describe("a tenant report's colour; null for an executive summary or before it is generated"),
    emailRecipients: z.array(z.string()).describe('who it was e-mailed to'),
    emailedAt: instant.nullable(),
    createdAt: instant,
    startedAt: instant.nullable(),
    finishedAt: instant.nullable(),
    hasData: z.boolean().describe('whether its HTML, PDF and JSON can be downloaded'),
  })
  .openapi('Report');
/** Report is a report's archive entry and job state. */
export type Report = z.infer<typeof Report>;

/** ReportList is the answer of GET /v1/reports, newest week first. */
export const ReportList = z.object({ reports: z.array(Report) }).openapi('ReportList');
/** ReportList is the answer of GET /v1/reports. */
export type ReportList = z.infer<typeof ReportList>;

/** ReportEnvelope is the answer of POST /v1/reports and GET /v1/reports/:id. */
export const ReportEnvelope = z.object({ report: Report }).openapi('ReportEnvelope');
/** ReportEnvelope is the answer of POST /v1/reports and GET /v1/reports/:id. */
export type ReportEnvelope = z.infer<typeof ReportEnvelope>;

/** RecipientsParams are the path parameters of /v1/reports/recipients/:tenant. */
export const RecipientsParams = z.object({
  tenant: ReportTenant.openapi({
    param: { name: 'tenant', in: 'path', description: 'tenant id, or * for the executive summary' },
    example: 'acme',
  }),
});

/** ReportRecipients lists who receives a tenant's weekly reports by e-mail. */
export const ReportRecipients = z
  .object({ tenant: ReportTenant, emails: z.array(z.string()) })
  .openapi('ReportRecipients');
/** ReportRecipients lists who receives a tenant's weekly reports by e-mail. */
export type ReportRecipients = z.infer<typeof ReportRecipients>;

/** ReportRecipientsRequest replaces a tenant's recipients (at most 50; stored lower-cased, without repeats). */
export const ReportRecipientsRequest = z
  .strictObject({ emails: z.array(z.email().max(254)).max(50) })
  .openapi('ReportRecipientsRequest');
/** ReportRecipientsRequest is a validated PUT /v1/reports/recipients/:tenant body. */
export type ReportRecipientsRequest = z.infer<typeof ReportRecipientsRequest>;

/** ReportFormat is a downloadable form of a finished report. */
export type ReportFormat = 'html' | 'pdf' | 'json';
