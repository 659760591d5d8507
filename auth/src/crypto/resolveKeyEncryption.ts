import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { AuthDatabase } from '../db/AuthDatabase';
import { KeyEncryption } from './KeyEncryption';

/** KeyEncryptionLogger is the part of a logger resolveKeyEncryption needs. */
export interface KeyEncryptionLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/**
 * resolveKeyEncryption returns the keyring that seals signing keys. With AUTH_KEY_ENCRYPTION_KEY set, that
 * key seals; a development key left in the database can still open old rows until they are re-sealed.
 * Without it (config already refused this in production) a random per-database key is made once and
 * stored in auth.local_key_encryption_key, with a loud warning: it keeps keys readable across restarts
 * but protects nothing against someone who can read the database.
 */
export async function resolveKeyEncryption(
  db: Kysely<AuthDatabase>,
  configuredKeyBase64: string | undefined,
  logger: KeyEncryptionLogger,
): Promise<{ keyring: KeyEncryption; localKeyInUse: boolean }> {
  const local = await db.selectFrom('auth.local_key_encryption_key').select('key').executeTakeFirst();
  if (configuredKeyBase64 !== undefined) {
    const keyring = new KeyEncryption(Buffer.from(configuredKeyBase64, 'base64'), local ? [local.key] : []);
    return { keyring, localKeyInUse: local !== undefined };
  }
  await db
    .insertInto('auth.local_key_encryption_key')
    .values({ key: randomBytes(32) })
    .onConflict((oc) => oc.column('singleton').doNothing())
    .execute();
  const row = await db.selectFrom('auth.local_key_encryption_key').select('key').executeTakeFirstOrThrow();
  logger.warn(
    { variable: 'AUTH_KEY_ENCRYPTION_KEY', table: 'auth.local_key_encryption_key' },
    'AUTH_KEY_ENCRYPTION_KEY is not set: signing keys are encrypted with a development key stored in the same database, which protects nothing; set it (32 random bytes, base64) before any real use',
  );
  return { keyring: new KeyEncryption(row.key), localKeyInUse: true };
}
