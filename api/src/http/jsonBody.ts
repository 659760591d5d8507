import { BadRequestError, UnsupportedMediaTypeError } from '@sightline/http';
import express from 'express';
import type { RequestHandler } from 'express';

/** MAX_JSON_DEPTH is the deepest nesting a body may have; no request the api takes comes near it. */
export const MAX_JSON_DEPTH = 64;

/**
 * jsonBody parses a JSON body of at most limit (over it is a 413, malformed JSON a 400). A body sent as anything
 * but application/json is a 415 rather than silently read as no body; a request without a body passes. A body nested
 * deeper than MAX_JSON_DEPTH is a 400: JSON.parse takes any depth, but forwarding it (JSON.stringify) overflows the
 * stack, which was a 500.
 */
export function jsonBody(limit: string): RequestHandler[] {
  const refuseOtherTypes: RequestHandler = (req, _res, next) => {
    // req.is is null without a body and false for a body of another type; a bare POST carries Content-Length: 0.
    const empty = req.headers['content-length'] === '0' && req.headers['transfer-encoding'] === undefined;
    if (!empty && req.is('application/json') === false)
      throw new UnsupportedMediaTypeError('send the body as application/json');
    next();
  };
  const refuseDeepNesting: RequestHandler = (req, _res, next) => {
    if (exceedsDepth(req.body as unknown, MAX_JSON_DEPTH))
      throw new BadRequestError(`body: nested deeper than ${MAX_JSON_DEPTH} levels`);
    next();
  };
  return [refuseOtherTypes, express.json({ limit }), refuseDeepNesting];
}

/** exceedsDepth walks a parsed value without recursion, so that the check itself cannot overflow the stack. */
function exceedsDepth(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
