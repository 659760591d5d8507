import { createHash, randomBytes } from 'node:crypto';

/** randomToken returns `<prefix><43 base64url chars>`: 256 bits from the OS CSPRNG. */
export function randomToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** sha256Hex hashes a high-entropy secret for storage; a slow hash adds nothing when guessing is hopeless. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
