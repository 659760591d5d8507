import type { TraceView } from '@sightline/contracts';
import { ForbiddenError, NotFoundError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { seesAllTenants } from '@sightline/authn';
import { principalOf } from '@sightline/authn';
import type { CollectorClient } from '../clients/CollectorClient';
import { TraceParams } from '../openapi/apiSchemas';

/** traceRoute handles GET /v1/traces/:traceId; tenant-scoped tokens only ever get their own tenant's spans. */
export function traceRoute(collector: CollectorClient): RequestHandler {
  return async (req, res) => {
    const { traceId } = TraceParams.parse({ traceId: String(req.params.traceId ?? '').toLowerCase() });
    const principal = principalOf(res);
    if (seesAllTenants(principal)) {
      const lookup = await collector.trace(traceId);
      if (!lookup.found) throw new NotFoundError('no such trace');
      res.json(lookup.trace);
      return;
    }
    const tenant = principal.tenant;
    if (tenant === null) throw new ForbiddenError('this token is not bound to a tenant');
    const scoped = await collector.trace(traceId, tenant);
    if (scoped.found) {
      res.json(ownSpansOnly(scoped.trace, tenant));
      return;
    }
    // Trace ids are random 128-bit values, so saying "not yours" rather than "not found" leaks nothing useful.
    const unscoped = await collector.trace(traceId);
    if (unscoped.found) throw new ForbiddenError('this trace belongs to another tenant');
    throw new NotFoundError('no such trace');
  };
}

// Defence in depth: even if the collector ignored ?tenant=, another tenant's spans never leave the api.
function ownSpansOnly(trace: TraceView, tenant: string): TraceView {
  return {
    traceId: trace.traceId,
    spans: trace.spans.filter((s) => s.tenantId === tenant),
    logs: trace.logs.filter((l) => l.tenantId === tenant),
  };
}
