import type { CryptoKey, JWK } from 'jose';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { Kysely } from 'kysely';
import type { AuthDatabase } from '../db/AuthDatabase';

/** SIGNING_ALG is the JWS algorithm of every access token. */
export const SIGNING_ALG = 'EdDSA';

/** PublicJwk is one public key as the JWKS document lists it. */
export type PublicJwk = JWK & { kid: string; alg: string; use: 'sig' };

/** SigningKeyStore holds the current signing key and lists every public key for the JWKS. */
export class SigningKeyStore {
  private constructor(
    private readonly db: Kysely<AuthDatabase>,
    readonly kid: string,
    readonly privateKey: CryptoKey,
  ) {}

  /** fromDb loads the newest signing key, creating an Ed25519 pair first when the table is empty. */
  static async fromDb(db: Kysely<AuthDatabase>): Promise<SigningKeyStore> {
    let row = await newestKey(db);
    if (!row) {
      const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, {
        crv: 'Ed25519',
        extractable: true,
      });
      const publicJwk = await exportJWK(publicKey);
      const kid = await calculateJwkThumbprint(publicJwk);
      await db
        .insertInto('auth.signing_keys')
        .values({
          kid,
          alg: SIGNING_ALG,
          public_jwk: JSON.stringify(publicJwk),
          private_jwk: JSON.stringify(await exportJWK(privateKey)),
        })
        // Two replicas starting together may both generate; each keeps a valid key and the JWKS lists both.
        .onConflict((oc) => oc.column('kid').doNothing())
        .execute();
      row = await newestKey(db);
      if (!row) throw new SigningKeyError('no signing key after creating one');
    }
    const privateKey = await importJWK(row.private_jwk as JWK, row.alg);
    if (privateKey instanceof Uint8Array) throw new SigningKeyError('signing key is not an asymmetric key');
    return new SigningKeyStore(db, row.kid, privateKey);
  }

  /** publicJwks lists every stored public key, never a private field. */
  async publicJwks(): Promise<PublicJwk[]> {
    const rows = await this.db
      .selectFrom('auth.signing_keys')
      .select(['kid', 'alg', 'public_jwk'])
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => {
      const { kty, crv, x } = r.public_jwk as JWK;
      return { kty, crv, x, kid: r.kid, alg: r.alg, use: 'sig' };
    });
  }
}

/** SigningKeyError is raised when no usable signing key can be loaded. */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

function newestKey(db: Kysely<AuthDatabase>) {
  return db
    .selectFrom('auth.signing_keys')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
