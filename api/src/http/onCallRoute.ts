import type { RequestHandler } from 'express';
import { principalOf } from '@sightline/authn';
import type { AlertEngineClient } from '../clients/AlertEngineClient';
import { ConfigParams } from '../openapi/configIdSchema';
import { OnCallQuery } from '../openapi/onCallSchemas';
import { AlertCaller } from './AlertCaller';

/** onCallRoute handles GET /v1/alerting/schedules/:id/oncall?at=: who is on call on a schedule, now or at an instant. */
export function onCallRoute(alerting: AlertEngineClient): RequestHandler {
  return async (req, res) => {
    const { id } = ConfigParams.parse(req.params);
    const { at } = OnCallQuery.parse(req.query);
    const caller = AlertCaller.of(principalOf(res));
    res.set('cache-control', 'no-store').json(await alerting.onCall(caller, id, at));
  };
}
