import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { UnauthorizedError } from '@sightline/http';

/** requireInternalToken admits only requests that carry `Authorization: Bearer <INTERNAL_TOKEN>`. */
export function requireInternalToken(token: string): RequestHandler {
  // Comparing digests keeps the comparison constant-time whatever length the caller sent.
  const expected = createHash('sha256').update(token).digest();
  return (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    const given = createHash('sha256')
      .update(match?.[1] ?? '')
      .digest();
    if (!match || !timingSafeEqual(given, expected)) {
      next(new UnauthorizedError('internal token required'));
      return;
    }
    next();
  };
}
