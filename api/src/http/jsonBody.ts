import { UnsupportedMediaTypeError } from '@sightline/http';
import express from 'express';
import type { RequestHandler } from 'express';

/**
 * jsonBody parses a JSON body of at most limit (over it is a 413, malformed JSON a 400). A body sent as anything
 * but application/json is a 415 rather than silently read as no body; a request without a body passes.
 */
export function jsonBody(limit: string): RequestHandler[] {
  const refuseOtherTypes: RequestHandler = (req, _res, next) => {
    // req.is is null without a body and false for a body of another type; a bare POST carries Content-Length: 0.
    const empty = req.headers['content-length'] === '0' && req.headers['transfer-encoding'] === undefined;
    if (!empty && req.is('application/json') === false)
      throw new UnsupportedMediaTypeError('send the body as application/json');
    next();
  };
  return [refuseOtherTypes, express.json({ limit })];
}
