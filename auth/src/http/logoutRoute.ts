import type { RequestHandler } from 'express';
import type { AuthServices } from '../AuthServices';
import { RefreshRequest } from '@sightline/contracts';

/**
 * logoutRoute handles POST /v1/auth/logout: it revokes the refresh token's whole family. It answers 204
 * whether or not the token was known, so it cannot be used to test tokens.
 */
export function logoutRoute(services: AuthServices): RequestHandler {
  return async (req, res) => {
    const { refreshToken } = RefreshRequest.parse(req.body ?? {});
    const session = await services.refresh.revokeFamilyOf(refreshToken);
    if (session) {
      await services.audit.record({
        actor: { type: 'user', id: session.userId, email: session.email },
        action: 'auth.logout',
        tenantId: session.tenantId,
        target: { type: 'refresh_family', id: session.familyId },
        result: 'success',
        ip: req.ip,
      });
    }
    res.set('cache-control', 'no-store').status(204).end();
  };
}
