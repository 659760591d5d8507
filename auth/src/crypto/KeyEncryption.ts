import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/** KeyEncryptionError is raised when an envelope cannot be opened: wrong key, tampering or a bad format. */
export class KeyEncryptionError extends Error {
  override readonly name = 'KeyEncryptionError';
}

/**
 * KeyEncryption seals secrets at rest with AES-256-GCM. An envelope is
 * `v1.<key id>.<iv>.<ciphertext>.<tag>` (base64url); the key id is a fingerprint of the key-encryption key,
 * so a wrong key is reported as such rather than as corrupt data. The associated data binds an envelope
 * to its row, so a ciphertext copied to another row does not open.
 */
export class KeyEncryption {
  /** keyId is the fingerprint of the key that seals new envelopes. */
  readonly keyId: string;
  private readonly keys: Map<string, Buffer>;

  /** Older keys can open envelopes but never seal new ones (used to move rows to the primary key). */
  constructor(primary: Buffer, older: readonly Buffer[] = []) {
    if (primary.length !== 32) throw new KeyEncryptionError('the key-encryption key must be 32 bytes');
    this.keyId = fingerprint(primary);
    this.keys = new Map([...older, primary].map((k) => [fingerprint(k), k]));
  }

  /** seal encrypts plaintext bound to associatedData under the primary key. */
  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.keyId)!, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.keyId, iv, ciphertext, cipher.getAuthTag()]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** open decrypts an envelope made by seal with the same associatedData. */
  open(envelope: string, associatedData: string): string {
    const parts = envelope.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new KeyEncryptionError('not a v1 envelope');
    const [, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) {
      throw new KeyEncryptionError(
        `sealed with key-encryption key ${keyId}, but the configured key is ${this.keyId}`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch (err) {
      throw new KeyEncryptionError('envelope failed authentication (tampered or wrong row)', { cause: err });
    }
  }

  /** sealedWithPrimary is true when the envelope already uses the primary key. */
  sealedWithPrimary(envelope: string): boolean {
    return envelope.split('.')[1] === this.keyId;
  }
}

function fingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}
