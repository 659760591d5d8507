import { BadRequestError } from '@sightline/http';
import type { RequestHandler } from 'express';
import type { ApiKeyStore } from '../apiKeys/ApiKeyStore';
import type { ApiKeyRevocationsResponse } from '@sightline/contracts';

/**
 * apiKeyRevocationsRoute serves GET /internal/v1/api-keys/revocations?after=<cursor> for the gateway:
 * revocations with an id above the cursor, in id order, at most 1000; `next` is the cursor to send next.
 */
export function apiKeyRevocationsRoute(apiKeys: ApiKeyStore): RequestHandler {
  return async (req, res) => {
    const after = parseCursor(req.query.after);
    const page: ApiKeyRevocationsResponse = await apiKeys.revocationsAfter(after);
    res.set('cache-control', 'no-store').json(page);
  };
}

function parseCursor(raw: unknown): number {
  if (raw === undefined) return 0;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) {
    throw new BadRequestError('after: must be a non-negative integer cursor');
  }
  return Number(raw);
}
