import { NotFoundError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { principalOf } from '@sightline/authn';
import type { AlertEngineClient } from '../clients/AlertEngineClient';
import { AlertGroupParams } from '../openapi/alertSchemas';
import { AlertCaller } from './AlertCaller';

/**
 * alertGroupRoute handles GET /v1/alert-groups/:id: one group with its alerts, timeline and notifications.
 * Another tenant's group is a 404 for a tenant token, exactly like a missing one.
 */
export function alertGroupRoute(alerting: AlertEngineClient): RequestHandler {
  return async (req, res) => {
    const id = Number(AlertGroupParams.parse(req.params).id);
    const caller = AlertCaller.of(principalOf(res));
    const detail = await alerting.group(caller, id);
    // Defence in depth, and a group keyed without the tenant label can hold several tenants' alerts.
    if (!caller.owns(detail.group.tenant)) throw new NotFoundError(`no alert group ${id}`);
    res
      .set('cache-control', 'no-store')
      .json({ ...detail, alerts: detail.alerts.filter((a) => caller.owns(a.tenant)) });
  };
}
