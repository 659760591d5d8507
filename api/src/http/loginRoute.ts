import { LoginRequest } from '@sightline/contracts';
import type { RequestHandler } from 'express';
import type { InternalService } from '../clients/InternalService';

/** loginRoute validates POST /v1/auth/login and forwards it to auth, passing auth's status and body back. */
export function loginRoute(auth: InternalService): RequestHandler {
  return async (req, res) => {
    const body = LoginRequest.parse(req.body ?? {});
    const upstream = await auth.fetch('/v1/auth/login', {
      method: 'POST',
      internal: false,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      timeoutMs: 5000,
    });
    const text = await upstream.text();
    res
      .status(upstream.status)
      .set('cache-control', 'no-store')
      .type(upstream.headers.get('content-type') ?? 'application/json')
      .send(text);
  };
}
