import { LoginRequest } from '@sightline/contracts';
import type { LoginResponse } from '@sightline/contracts';
import { UnauthorizedError } from '@sightline/http';
import type { RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { Counter } from 'prom-client';
import type { AuthDatabase } from '../db/AuthDatabase';
import { issueAccessToken } from '../tokens/issueAccessToken';
import type { SigningKeyStore } from '../tokens/SigningKeyStore';
import { authenticateUser } from '../users/authenticateUser';

/** LoginRouteDeps is what loginRoute needs. */
export interface LoginRouteDeps {
  db: Kysely<AuthDatabase>;
  keys: SigningKeyStore;
  issuer: string;
  ttlSeconds: number;
  logins: Counter<'result'>;
}

/** INVALID_CREDENTIALS is the one message for a wrong email and a wrong password alike. */
export const INVALID_CREDENTIALS = 'invalid email or password';

/** loginRoute handles POST /v1/auth/login: email + password → a signed access token. */
export function loginRoute(deps: LoginRouteDeps): RequestHandler {
  return async (req, res) => {
    const body = LoginRequest.parse(req.body ?? {});
    const user = await authenticateUser(deps.db, body.email, body.password);
    if (!user) {
      deps.logins.inc({ result: 'failure' });
      throw new UnauthorizedError(INVALID_CREDENTIALS);
    }
    const accessToken = await issueAccessToken(deps.keys, user, {
      issuer: deps.issuer,
      ttlSeconds: deps.ttlSeconds,
    });
    deps.logins.inc({ result: 'success' });
    const response: LoginResponse = {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: deps.ttlSeconds,
      user: { id: user.id, email: user.email, tenantId: user.tenantId, roles: user.roles },
    };
    res.set('cache-control', 'no-store').json(response);
  };
}
