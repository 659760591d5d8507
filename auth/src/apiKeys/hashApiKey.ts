import { createHash } from 'node:crypto';

/** API_KEY_PREFIX_LENGTH is how many leading characters of a key are kept in clear to identify it. */
export const API_KEY_PREFIX_LENGTH = 12;

/** hashApiKey returns the sha256 hex of a key; keys are high-entropy, so a slow hash adds nothing. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** apiKeyPrefix returns the part of a key that may be shown and stored in clear. */
export function apiKeyPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIX_LENGTH);
}
