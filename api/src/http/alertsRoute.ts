import type { RequestHandler } from 'express';
import { principalOf } from '@sightline/authn';
import type { AlertEngineClient } from '../clients/AlertEngineClient';
import { AlertsQuery } from '../openapi/alertSchemas';
import { AlertCaller } from './AlertCaller';

/**
 * alertsRoute handles GET /v1/alerts: the alert engine's alerts, firing first. A platform token may filter by
 * ?tenant=; a tenant token gets its own tenant's only (naming another is a 403).
 */
export function alertsRoute(alerting: AlertEngineClient): RequestHandler {
  return async (req, res) => {
    const query = AlertsQuery.parse(req.query);
    const caller = AlertCaller.of(principalOf(res));
    const { alerts } = await alerting.alerts(caller, { ...query, tenant: caller.named(query.tenant) });
    // Defence in depth: another tenant's alerts never reach a tenant token even if alerting ignored the header.
    res.set('cache-control', 'no-store').json({ alerts: alerts.filter((a) => caller.owns(a.tenant)) });
  };
}
