import type { RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { verifyApiKey } from '../apiKeys/verifyApiKey';
import type { AuthDatabase } from '../db/AuthDatabase';

/** ApiKeyVerifyRequest is the body of POST /internal/v1/api-keys/verify. */
export const ApiKeyVerifyRequest = z.object({ key: z.string().min(1).max(512) });

/** apiKeyVerifyRoute handles POST /internal/v1/api-keys/verify for the gateway. */
export function apiKeyVerifyRoute(db: Kysely<AuthDatabase>): RequestHandler {
  return async (req, res) => {
    const { key } = ApiKeyVerifyRequest.parse(req.body ?? {});
    res.set('cache-control', 'no-store').json(await verifyApiKey(db, key));
  };
}
