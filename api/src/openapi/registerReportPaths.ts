import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { Problem } from './apiSchemas';
import {
  CreateReportRequest,
  RecipientsParams,
  ReportEnvelope,
  ReportList,
  ReportParams,
  ReportRecipients,
  ReportRecipientsRequest,
  ReportsQuery,
} from './reportSchemas';

const problem = (description: string): ResponseConfig => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});
const json = (description: string, schema: z.ZodType): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
});

const READERS = 'super_admin, sre, executive, tenant_admin';
const EDITORS = "platform super_admin, or the tenant's tenant_admin";
const SCOPE =
  "A platform token (no tenant) of super_admin, sre or executive sees every tenant's reports and the executive " +
  "summaries; any other token sees its own tenant's tenant reports only.";
const common = {
  401: problem('Missing, malformed, expired or wrongly signed bearer token'),
  502: problem('The reports service answered outside its contract'),
  503: problem('The reports service is unavailable'),
};
const bodyErrors = (limit: string) => ({
  413: problem(`Body over ${limit}`),
  415: problem('Body not sent as application/json'),
});
const disposition = (description: string) => ({
  'Content-Disposition': { description, schema: { type: 'string' as const } },
});

/** ReportPathsSecurity is the security requirement every report path carries. */
export type ReportPathsSecurity = RouteConfig['security'];

/**
 * registerReportPaths documents the weekly SLA report routes: the archive, on-demand generation with job progress,
 * downloads of a finished report (HTML, PDF, JSON) and who receives the reports by e-mail.
 */
export function registerReportPaths(registry: OpenAPIRegistry, security: ReportPathsSecurity): void {
  const path = (config: Omit<RouteConfig, 'security'>) =>
    registry.registerPath({ ...config, tags: ['reports'], security });
  path({
    method: 'get',
    path: '/v1/reports',
    summary: `The report archive with each report's job state, newest week first (roles ${READERS})`,
    description: `${SCOPE} A tenant token naming another tenant, or asking for executive summaries, is a 403.`,
    request: { query: ReportsQuery },
    responses: {
      200: json('Reports', ReportList),
      400: problem('Bad tenant list, kind, limit or before, or an unknown or repeated parameter'),
      403: problem('Wrong role, a tenant the token may not see, or executive summaries for a tenant token'),
      ...common,
    },
  });
  path({
    method: 'post',
    path: '/v1/reports',
    summary: `Generate a report on demand for a complete past week (roles ${READERS})`,
    description:
      `${SCOPE} The job is recorded as asked for by the token's subject. Poll the Location for its status, ` +
      'progress and stage.',
    request: { body: { required: true, content: { 'application/json': { schema: CreateReportRequest } } } },
    responses: {
      202: json('A new job, or a forced re-run, was queued', ReportEnvelope),
      200: json('The report already existed (its job may still be running)', ReportEnvelope),
      400: problem(
        'Malformed JSON, a body outside the schema, or a week that has not ended in the tenant time zone',
      ),
      ...bodyErrors('8 kB'),
      403: problem('Wrong role, another tenant, or an executive summary for a tenant token'),
      404: problem('Unknown tenant'),
      ...common,
    },
  });
  path({
    method: 'get',
    path: '/v1/reports/{id}',
    summary: `One report's archive entry and job state: status, progress, stage and error (roles ${READERS})`,
    request: { params: ReportParams },
    responses: {
      200: json('Report', ReportEnvelope),
      400: problem('Bad report id'),
      403: problem('Wrong role'),
      404: problem('No such report, or one the token may not see (the same answer, so ids do not leak)'),
      ...common,
    },
  });
  const download = (format: string, description: string, content: ResponseConfig['content'], extra = {}) =>
    path({
      method: 'get',
      path: `/v1/reports/{id}/${format}`,
      summary: `${description} (roles ${READERS})`,
      request: { params: ReportParams },
      responses: {
        200: {
          description,
          content,
          headers: { ...disposition('the file name, sightline-<tenant|executive>-<week>'), ...extra },
        },
        400: problem('Bad report id'),
        403: problem('Wrong role'),
        404: problem('No such report, or one the token may not see'),
        409: problem('The report has not been generated yet (its status, stage and progress in words)'),
        ...common,
      },
    });
  download('pdf', 'The finished report as PDF, an attachment', {
    'application/pdf': { schema: { type: 'string', format: 'binary' } },
  });
  download(
    'html',
    'The finished report as self-contained HTML with inline SVG charts',
    { 'text/html': { schema: { type: 'string' } } },
    {
      'Content-Security-Policy': {
        description: "the reports service's policy: nothing in the report may load or run anything",
        schema: { type: 'string' },
      },
    },
  );
  download('json', "The finished report's figures, as the HTML and PDF show them", {
    'application/json': { schema: { type: 'object' } },
  });
  for (const method of ['get', 'put'] as const)
    path({
      method,
      path: '/v1/reports/recipients/{tenant}',
      summary:
        method === 'get'
          ? `Who receives a tenant's weekly reports by e-mail (roles ${EDITORS})`
          : `Replace who receives a tenant's weekly reports by e-mail (roles ${EDITORS})`,
      description:
        '`*` is the executive summary, whose recipients only a platform super_admin sees and changes.',
      request: {
        params: RecipientsParams,
        ...(method === 'put'
          ? { body: { required: true, content: { 'application/json': { schema: ReportRecipientsRequest } } } }
          : {}),
      },
      responses: {
        200: json('Recipients, lower-cased and sorted', ReportRecipients),
        400: problem(
          method === 'put' ? 'Bad tenant, malformed JSON, an invalid address or more than 50' : 'Bad tenant',
        ),
        ...(method === 'put' ? bodyErrors('32 kB') : {}),
        403: problem(
          "Wrong role, another tenant's recipients, or the executive summary's for a tenant_admin",
        ),
        ...common,
      },
    });
}
