import { ForbiddenError, NotFoundError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { principalOf } from '@sightline/authn';
import type { AlertEngineClient } from '../clients/AlertEngineClient';
import { AlertGroupActionRequest, AlertGroupParams } from '../openapi/alertSchemas';
import { AlertCaller } from './AlertCaller';

/**
 * alertGroupActionRoute handles POST /v1/alert-groups/:id/ack and /resolve. A tenant token may act on its own
 * tenant's groups only (another tenant's is a 404), and not on a group that also holds another tenant's alerts,
 * since acknowledging it would stop their pages too (403). A group that is not firing is a 409.
 */
export function alertGroupActionRoute(
  alerting: AlertEngineClient,
  action: 'ack' | 'resolve',
): RequestHandler {
  return async (req, res) => {
    const id = Number(AlertGroupParams.parse(req.params).id);
    AlertGroupActionRequest.optional().parse(req.body);
    const caller = AlertCaller.of(principalOf(res));
    if (caller.tenant !== null) {
      const { group, alerts } = await alerting.group(caller, id);
      if (!caller.owns(group.tenant)) throw new NotFoundError(`no alert group ${id}`);
      if (alerts.some((a) => !caller.owns(a.tenant)))
        throw new ForbiddenError(
          `alert group ${id} also holds alerts of other tenants; a platform user must ${action} it`,
        );
    }
    res.set('cache-control', 'no-store').json(await alerting.act(caller, id, action));
  };
}
