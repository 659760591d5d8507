import { BadGatewayError, BadRequestError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { principalOf } from '@sightline/authn';
import type { ReportsClient } from '../clients/ReportsClient';
import { CreateReportRequest } from '../openapi/reportSchemas';
import { ReportScope } from './ReportScope';

// The reports service keeps at most 200 characters of who asked.
const REQUESTED_BY_MAX = 200;

/**
 * reportCreateRoute handles POST /v1/reports: generate a report on demand, for any complete past week. It answers
 * 202 for a new (or forced re-run) job and 200 when the report already existed, with Location to poll. A tenant
 * reader asks for its own tenant's reports only; who asked is always the token's subject.
 */
export function reportCreateRoute(reports: ReportsClient): RequestHandler {
  return async (req, res) => {
    const principal = principalOf(res);
    const scope = ReportScope.of(principal);
    const body = CreateReportRequest.parse(req.body ?? {});
    const tenant = scope.target(body.kind, body.tenant);
    if (body.kind === 'tenant' && tenant === undefined)
      throw new BadRequestError('tenant: required for a tenant report');
    const { status, report } = await reports.create({
      kind: body.kind,
      ...(tenant === undefined ? {} : { tenant }),
      ...(body.week === undefined ? {} : { week: body.week }),
      ...(body.force === undefined ? {} : { force: body.force }),
      requestedBy: principal.userId.slice(0, REQUESTED_BY_MAX),
    });
    if (!scope.sees(report)) throw new BadGatewayError(reports.service.name);
    res.status(status).location(`/v1/reports/${report.id}`).set('cache-control', 'no-store').json({ report });
  };
}
