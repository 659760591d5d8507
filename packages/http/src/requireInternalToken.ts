import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { UnauthorizedError } from './HttpError';

/**
 * requireInternalToken lets a request through only with `Authorization: Bearer <token>`; any other request
 * goes to the error middleware as an UnauthorizedError (a 401 problem+json).
 */
export function requireInternalToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, _res, next) => {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    // Comparing digests keeps the comparison constant-time whatever the presented token's length.
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      next(new UnauthorizedError('missing or invalid internal token'));
      return;
    }
    next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
