import { UnauthorizedError } from '@sightline/http';
import type { RequestHandler } from 'express';
import type { AuthServices } from '../AuthServices';
import { RefreshRequest } from '@sightline/contracts';
import { ipNetwork } from '@sightline/telemetry';
import { sessionResponse } from './sessionResponse';

/** INVALID_REFRESH is the one answer for an unknown, expired, used or revoked refresh token. */
export const INVALID_REFRESH = 'refresh token is invalid, expired or revoked';

/**
 * refreshRoute handles POST /v1/auth/refresh: it spends the refresh token and returns a new pair. A token
 * presented twice revokes its family (the legitimate holder and the thief both lose the session).
 */
export function refreshRoute(services: AuthServices): RequestHandler {
  const { audit, metrics, logger } = services;
  return async (req, res) => {
    const { refreshToken } = RefreshRequest.parse(req.body ?? {});
    const outcome = await services.refresh.rotate(refreshToken);
    if (!outcome.ok) {
      const actor = { type: 'user' as const, ...(outcome.userId ? { id: outcome.userId } : {}) };
      if (outcome.reason === 'reused') {
        metrics.refreshReuse.inc();
        logger.warn(
          { familyId: outcome.familyId, network: ipNetwork(req.ip) },
          'refresh token reused; family revoked',
        );
        await audit.record({
          actor,
          action: 'auth.refresh.reuse',
          tenantId: outcome.tenantId ?? null,
          target: { type: 'refresh_family', id: outcome.familyId! },
          result: 'failure',
          reason: 'a used refresh token was presented again; the family is revoked',
          ip: req.ip,
        });
      } else if (outcome.reason !== 'unknown') {
        await audit.record({
          actor,
          action: 'auth.refresh',
          tenantId: outcome.tenantId ?? null,
          target: { type: 'refresh_family', id: outcome.familyId! },
          result: 'failure',
          reason: outcome.reason,
          ip: req.ip,
        });
      }
      throw new UnauthorizedError(INVALID_REFRESH);
    }
    const response = await sessionResponse(services, outcome.user, outcome);
    metrics.tokensIssued.inc({ grant: 'refresh_token' });
    res.set('cache-control', 'no-store').json(response);
  };
}
