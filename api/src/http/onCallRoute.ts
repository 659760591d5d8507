import { NotFoundError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { principalOf } from '@sightline/authn';
import type { AlertEngineClient } from '../clients/AlertEngineClient';
import { ConfigParams } from '../openapi/configIdSchema';
import { OnCallQuery } from '../openapi/onCallSchemas';
import { AlertCaller } from './AlertCaller';
import { TenantOnCallView } from './TenantOnCallView';

/**
 * onCallRoute handles GET /v1/alerting/schedules/:id/oncall?at=: who is on call on a schedule, now or at an instant.
 * A tenant token may ask about the schedules its tenant's escalation policies page; any other is a 404 to it.
 */
export function onCallRoute(alerting: AlertEngineClient): RequestHandler {
  return async (req, res) => {
    const { id } = ConfigParams.parse(req.params);
    const { at } = OnCallQuery.parse(req.query);
    const caller = AlertCaller.of(principalOf(res));
    if (caller.tenant !== null) {
      const view = await TenantOnCallView.load(alerting, caller, caller.tenant, 'schedules');
      if (!view.sees('schedules', id)) throw new NotFoundError(`no schedule ${id}`);
    }
    res.set('cache-control', 'no-store').json(await alerting.onCall(caller, id, at));
  };
}
