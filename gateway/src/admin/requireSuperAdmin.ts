import type { RequestHandler, Response } from 'express';
import type { Principal } from '@sightline/authn';
import { bearerToken } from '@sightline/authn';
import { DependencyUnavailableError, ForbiddenError, UnauthorizedError } from '@sightline/http';
import type { JwtAuthenticator } from '../auth/JwtAuthenticator';

/**
 * requireSuperAdmin admits only a valid access JWT of a platform-wide super_admin (role super_admin, tenant
 * null): 401 with the reason for a missing or bad token, 403 for any other role or a tenant-bound token.
 */
export function requireSuperAdmin(jwt: JwtAuthenticator): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req.get('authorization'));
    if (!token) throw new UnauthorizedError('missing bearer token');
    const v = await jwt.verify(token);
    if (v.kind === 'unavailable') throw new DependencyUnavailableError('auth', { cause: v.error });
    if (v.kind === 'invalid') throw new UnauthorizedError(v.reason);
    if (!v.principal.roles.includes('super_admin') || v.principal.tenant !== null)
      throw new ForbiddenError('only a platform super_admin may use the gateway admin API');
    res.locals.principal = v.principal;
    next();
  };
}

/** adminOf returns the principal requireSuperAdmin stored on the response. */
export function adminOf(res: Response): Principal {
  const p = res.locals.principal as Principal | undefined;
  if (!p) throw new UnauthorizedError();
  return p;
}
