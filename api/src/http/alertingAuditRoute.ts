import type { RequestHandler } from 'express';
import { principalOf } from '@sightline/authn';
import type { AlertEngineClient } from '../clients/AlertEngineClient';
import { AuditQuery } from '../openapi/auditSchemas';
import { AlertCaller } from './AlertCaller';

/**
 * alertingAuditRoute handles GET /v1/alerting/audit?limit=: the alert engine's audit log, newest first. A tenant
 * token sees its own tenant's entries only.
 */
export function alertingAuditRoute(alerting: AlertEngineClient): RequestHandler {
  return async (req, res) => {
    const { limit } = AuditQuery.parse(req.query);
    const caller = AlertCaller.of(principalOf(res));
    const { entries } = await alerting.audit(caller, limit);
    // Defence in depth: another tenant's entries never reach a tenant token even if alerting ignored the header.
    res.set('cache-control', 'no-store').json({ entries: entries.filter((e) => caller.owns(e.tenant)) });
  };
}
