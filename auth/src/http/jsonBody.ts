import { refuseUnstorableText, UnsupportedMediaTypeError } from '@sightline/http';
import express from 'express';
import type { RequestHandler } from 'express';

/**
 * jsonBody accepts only application/json bodies (415 otherwise; a body-less request passes) and parses them
 * up to the limit (413 beyond it, 400 when malformed), and refuses strings PostgreSQL cannot store (400).
 */
export function jsonBody(limit = '16kb'): RequestHandler[] {
  const parse = express.json({ limit, strict: true });
  const requireJson: RequestHandler = (req, _res, next) => {
    const hasBody = req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
    if (hasBody && !req.is('application/json')) {
      throw new UnsupportedMediaTypeError('send the body as application/json');
    }
    next();
  };
  return [requireJson, parse, refuseUnstorableText];
}
