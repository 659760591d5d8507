import type { RequestHandler } from 'express';
import type { z } from 'zod';
import type { InternalService } from '@sightline/http';

// Auth's answers that a browser needs to see: lockout and rate-limit timing.
const PASSED_HEADERS = ['retry-after', 'www-authenticate'];

/**
 * authForwardRoute validates a session request (login, refresh, logout) with its schema and forwards it
 * to auth, with the caller's address in X-Forwarded-For so auth can audit it and lock accounts out;
 * auth's status, body and timing headers come back unchanged.
 */
export function authForwardRoute(auth: InternalService, path: string, schema: z.ZodType): RequestHandler {
  return async (req, res) => {
    const body: unknown = schema.parse(req.body ?? {});
    const upstream = await auth.fetch(path, {
      method: 'POST',
      internal: false,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-forwarded-for': req.socket.remoteAddress ?? '',
      },
      body: JSON.stringify(body),
      timeoutMs: 5000,
    });
    const text = await upstream.text();
    for (const h of PASSED_HEADERS) {
      const v = upstream.headers.get(h);
      if (v !== null) res.set(h, v);
    }
    res.status(upstream.status).set('cache-control', 'no-store');
    if (text.length === 0) {
      res.end();
      return;
    }
    res.type(upstream.headers.get('content-type') ?? 'application/json').send(text);
  };
}
