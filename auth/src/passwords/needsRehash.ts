import type { ScryptParams } from './hashPassword';
import { DEFAULT_SCRYPT_PARAMS } from './hashPassword';

/** needsRehash is true when a stored hash uses weaker cost parameters than the current ones. */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return true;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const keyLength = Buffer.from(parts[5]!, 'base64url').length;
  return N < params.N || r < params.r || p < params.p || keyLength < params.keyLength;
}
