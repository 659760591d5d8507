import { createHash } from 'node:crypto';

/** hashApiKey is the cache key of an API key: its SHA-256 in hex, as auth's revocation feed names keys. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
