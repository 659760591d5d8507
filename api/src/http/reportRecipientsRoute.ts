import type { RequestHandler } from 'express';
import { principalOf } from '@sightline/authn';
import type { ReportsClient } from '../clients/ReportsClient';
import { RecipientsParams, ReportRecipientsRequest } from '../openapi/reportSchemas';
import { ReportScope } from './ReportScope';

/**
 * reportRecipientsRoute handles GET (write false) and PUT (write true) /v1/reports/recipients/:tenant: who receives
 * a tenant's weekly reports by e-mail (`*`: the executive summary). A tenant_admin reads and changes its own
 * tenant's; a platform super_admin any tenant's and the executive summary's.
 */
export function reportRecipientsRoute(reports: ReportsClient, write: boolean): RequestHandler {
  return async (req, res) => {
    const { tenant } = RecipientsParams.parse(req.params);
    ReportScope.recipientsEditor(principalOf(res), tenant);
    const answer = write
      ? await reports.setRecipients(tenant, ReportRecipientsRequest.parse(req.body ?? {}).emails)
      : await reports.recipients(tenant);
    res.set('cache-control', 'no-store').json(answer);
  };
}
