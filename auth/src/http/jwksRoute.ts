import type { RequestHandler } from 'express';
import type { SigningKeyStore } from '../tokens/SigningKeyStore';

/** jwksRoute serves GET /.well-known/jwks.json: the public signing keys, cacheable for five minutes. */
export function jwksRoute(keys: SigningKeyStore): RequestHandler {
  return async (_req, res) => {
    res.set('cache-control', 'public, max-age=300').json({ keys: await keys.publicJwks() });
  };
}
