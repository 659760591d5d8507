import type { Role } from '@sightline/contracts';
import { ForbiddenError, UnauthorizedError } from '@sightline/http';
import type { RequestHandler, Response } from 'express';
import type { Principal } from './Principal';
import { hasAnyRole } from './Principal';
import type { TokenVerifier } from './TokenVerifier';

/** bearerToken extracts the token of an `Authorization: Bearer` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_.~+/=-]{1,8192})$/i.exec(header ?? '');
  return match?.[1];
}

/** requireAuth admits requests with a valid bearer token and, when roles are given, one of those roles. */
export function requireAuth(verifier: TokenVerifier, roles?: readonly Role[]): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req.get('authorization'));
    if (!token) throw new UnauthorizedError('missing bearer token');
    const principal = await verifier.verify(token);
    if (roles && !hasAnyRole(principal, roles)) throw new ForbiddenError('your role may not use this route');
    res.locals.principal = principal;
    next();
  };
}

/** principalOf returns the principal requireAuth stored on the response. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new UnauthorizedError();
  return principal;
}
