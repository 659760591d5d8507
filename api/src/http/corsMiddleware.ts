import type { RequestHandler } from 'express';

/** corsMiddleware answers CORS for the console origins only; other origins get no CORS headers at all. */
export function corsMiddleware(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (origin === undefined || !allowed.has(origin)) {
      next();
      return;
    }
    res.set({
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
      // The console reads a download's file name and a report's policy, and where a new object lives.
      'access-control-expose-headers': 'content-disposition, content-security-policy, location',
    });
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      res
        .set({
          'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
          'access-control-allow-headers': 'authorization, content-type',
          'access-control-max-age': '600',
        })
        .status(204)
        .end();
      return;
    }
    next();
  };
}
