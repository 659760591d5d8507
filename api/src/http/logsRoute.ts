import { BadRequestError, ForbiddenError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { canSeeTenant, principalOf, seesAllTenants } from '@sightline/authn';
import type { CollectorClient } from '../clients/CollectorClient';
import { LogsQuery } from '../openapi/apiSchemas';

/**
 * logsRoute handles GET /v1/logs: one page of the collector's log search for one tenant. A tenant-scoped
 * token searches its own tenant (naming another is a 403); a platform token must name the tenant.
 */
export function logsRoute(collector: CollectorClient): RequestHandler {
  return async (req, res) => {
    const query = LogsQuery.parse(req.query);
    const principal = principalOf(res);
    let tenant = query.tenant;
    if (tenant === undefined) {
      if (seesAllTenants(principal) || principal.tenant === null)
        throw new BadRequestError('tenant is required for a platform-wide token');
      tenant = principal.tenant;
    }
    if (!canSeeTenant(principal, tenant)) throw new ForbiddenError('this token may not see that tenant');
    const page = await collector.searchLogs({
      ...query,
      tenant,
      traceId: query.traceId?.toLowerCase(),
    });
    // Defence in depth: even if the collector ignored ?tenant=, another tenant's logs never leave the api.
    res
      .set('cache-control', 'no-store')
      .json({ logs: page.logs.filter((l) => l.tenantId === tenant), nextCursor: page.nextCursor });
  };
}
