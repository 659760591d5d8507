import type { RequestHandler } from 'express';
import { principalOf } from '@sightline/authn';
import type { AlertEngineClient } from '../clients/AlertEngineClient';
import { AlertGroupsQuery } from '../openapi/alertSchemas';
import { AlertCaller } from './AlertCaller';

/**
 * alertGroupsRoute handles GET /v1/alert-groups: alert groups, open ones first. A platform token may filter by
 * ?tenant=; a tenant token gets its own tenant's only (naming another is a 403).
 */
export function alertGroupsRoute(alerting: AlertEngineClient): RequestHandler {
  return async (req, res) => {
    const query = AlertGroupsQuery.parse(req.query);
    const caller = AlertCaller.of(principalOf(res));
    const { groups } = await alerting.groups(caller, { ...query, tenant: caller.named(query.tenant) });
    // Defence in depth: another tenant's groups never reach a tenant token even if alerting ignored the header.
    res.set('cache-control', 'no-store').json({ groups: groups.filter((g) => caller.owns(g.tenant)) });
  };
}
