import { LoginRequest } from '@sightline/contracts';
import { UnauthorizedError } from '@sightline/http';
import type { RequestHandler } from 'express';
import type { AuthServices } from '../AuthServices';
import { authenticateUser } from '../users/authenticateUser';
import { TooManyRequestsError } from '@sightline/http';
import { ipNetwork } from '@sightline/telemetry';
import { sessionResponse } from './sessionResponse';

/** INVALID_CREDENTIALS is the one message for a wrong email and a wrong password alike. */
export const INVALID_CREDENTIALS = 'invalid email or password';

/**
 * loginRoute handles POST /v1/auth/login: email + password → an access token and a new refresh-token
 * family. Every attempt is audited (never the password); too many failures lock the email for a while.
 */
export function loginRoute(services: AuthServices): RequestHandler {
  const { lockout, audit, metrics, logger } = services;
  return async (req, res) => {
    const body = LoginRequest.parse(req.body ?? {});
    const email = body.email.trim().toLowerCase();
    const ip = req.ip;
    const lockedFor = await lockout.lockedFor(email);
    if (lockedFor > 0) {
      metrics.logins.inc({ result: 'locked' });
      await audit.record({
        actor: { type: 'anonymous', email },
        action: 'auth.login',
        result: 'failure',
        reason: 'locked',
        ip,
      });
      throw new TooManyRequestsError('too many failed logins for this account; try again later', lockedFor);
    }
    const result = await authenticateUser(services.db, email, body.password);
    if (!result.ok) {
      metrics.logins.inc({ result: 'failure' });
      const actor = { type: 'anonymous' as const, email, ...(result.userId ? { id: result.userId } : {}) };
      await audit.record({
        actor,
        action: 'auth.login',
        tenantId: result.tenantId ?? null,
        result: 'failure',
        reason: result.reason,
        ip,
      });
      const lockSeconds = await lockout.recordFailure(email);
      if (lockSeconds > 0) {
        logger.warn({ network: ipNetwork(ip), lockSeconds }, 'login locked after repeated failures');
        await audit.record({
          actor,
          action: 'auth.lockout',
          tenantId: result.tenantId ?? null,
          result: 'success',
          reason: 'too many failed logins',
          ip,
          details: { lockSeconds },
        });
      }
      throw new UnauthorizedError(INVALID_CREDENTIALS);
    }
    const { user } = result;
    await lockout.recordSuccess(email);
    const response = await sessionResponse(services, user, await services.refresh.issue(user.id));
    metrics.logins.inc({ result: 'success' });
    metrics.tokensIssued.inc({ grant: 'password' });
    await audit.record({
      actor: { type: 'user', id: user.id, email: user.email },
      action: 'auth.login',
      tenantId: user.tenantId,
      result: 'success',
      ip,
    });
    res.set('cache-control', 'no-store').json(response);
  };
}
