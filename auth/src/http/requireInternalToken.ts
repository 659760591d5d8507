import { UnauthorizedError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';

/** requireInternalToken admits only requests carrying `Authorization: Bearer <INTERNAL_TOKEN>`, compared in constant time. */
export function requireInternalToken(internalToken: string): RequestHandler {
  const expected = digest(internalToken);
  return (req, _res, next) => {
    const match = /^Bearer (\S{1,512})$/.exec(req.get('authorization') ?? '');
    // Digests have equal length, so timingSafeEqual never leaks the token's length.
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      next(new UnauthorizedError('internal route: missing or wrong internal token'));
      return;
    }
    next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
