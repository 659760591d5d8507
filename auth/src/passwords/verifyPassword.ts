import { timingSafeEqual } from 'node:crypto';
import { scryptAsync } from './hashPassword';

/** verifyPassword checks a password against a hash from hashPassword in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length < 16 || expected.length > 128) return false;
  const actual = await scryptAsync(password, salt, { N, r, p, keyLength: expected.length });
  return timingSafeEqual(actual, expected);
}
