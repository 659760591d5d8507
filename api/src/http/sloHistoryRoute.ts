import { ForbiddenError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { canSeeTenant, principalOf } from '@sightline/authn';
import type { AlertingClient } from '../clients/AlertingClient';
import { SloHistoryQuery, SloParams } from '../openapi/sloSchemas';

/** sloHistoryRoute handles GET /v1/tenants/:id/slos/:slo/history?from=&to=: one SLO's error-budget history. */
export function sloHistoryRoute(alerting: AlertingClient): RequestHandler {
  return async (req, res) => {
    const { id, slo } = SloParams.parse(req.params);
    const { from, to } = SloHistoryQuery.parse(req.query);
    if (!canSeeTenant(principalOf(res), id)) throw new ForbiddenError('this token may not see that tenant');
    const history = await alerting.history(id, slo, {
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    });
    res.set('cache-control', 'no-store').json(history);
  };
}
