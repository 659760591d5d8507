import type { CryptoKey, JWK } from 'jose';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { KeyEncryption } from '../crypto/KeyEncryption';
import type { AuthDatabase } from '../db/AuthDatabase';

/** SIGNING_ALG is the JWS algorithm of every access token. */
export const SIGNING_ALG = 'EdDSA';

/** PublicJwk is one public key as the JWKS document lists it. */
export type PublicJwk = JWK & { kid: string; alg: string; use: 'sig' };

/** SigningKeyStoreOptions configures SigningKeyStore.fromDb. */
export interface SigningKeyStoreOptions {
  keyring: KeyEncryption;
  /** How long a retired key stays published: the access-token lifetime plus this margin. */
  accessTtlSeconds: number;
  retireMarginSeconds: number;
  /**
   * maxPublished caps the keys published at once, the active one included (default 10). A rotation past it
   * withdraws the oldest retired keys at once: the tokens they signed are refused from then on, and every
   * verifier's key set stays small however often keys are rotated.
   */
  maxPublished?: number;
  /** How often a replica checks whether another replica rotated the key. */
  reloadIntervalMs?: number;
}

/** RotationResult says which key now signs, until when the previous ones stay published, and which were withdrawn. */
export interface RotationResult {
  kid: string;
  retired: { kid: string; publishUntil: string }[];
  /** withdrawn lists retired keys taken out of the key set early, because more than maxPublished were published. */
  withdrawn: string[];
}

interface PublishedKey {
  key: CryptoKey;
  publishUntil: number | null;
}

/**
 * SigningKeyStore holds the active signing key and the published public keys. Private keys are sealed
 * with the keyring at rest; a retired key loses its private half and stays published until every token
 * it signed has expired.
 */
export class SigningKeyStore {
  private active!: { kid: string; privateKey: CryptoKey };
  private published = new Map<string, PublishedKey>();
  private loadedAt = 0;
  private readonly reloadIntervalMs: number;
  private readonly maxPublished: number;

  private constructor(
    private readonly db: Kysely<AuthDatabase>,
    private readonly options: SigningKeyStoreOptions,
  ) {
    this.reloadIntervalMs = options.reloadIntervalMs ?? 30_000;
    this.maxPublished = options.maxPublished ?? 10;
  }

  /** fromDb seals any clear private keys, makes an active Ed25519 key when there is none, and loads. */
  static async fromDb(db: Kysely<AuthDatabase>, options: SigningKeyStoreOptions): Promise<SigningKeyStore> {
    await resealKeys(db, options.keyring);
    const hasActive = await db
      .selectFrom('auth.signing_keys')
      .select('kid')
      .where('state', '=', 'active')
      .executeTakeFirst();
    // Two replicas starting together may both generate; the partial unique index keeps exactly one.
    if (!hasActive) await insertNewKey(db, options.keyring, true);
    const store = new SigningKeyStore(db, options);
    await store.reload();
    return store;
  }

  /** kid is the id of the key that signed most recently loaded. */
  get kid(): string {
    return this.active.kid;
  }

  /** signingKey returns the active key, first re-reading it when another replica may have rotated. */
  async signingKey(): Promise<{ kid: string; privateKey: CryptoKey }> {
    if (Date.now() - this.loadedAt > this.reloadIntervalMs) await this.reload();
    return this.active;
  }

  /**
   * verificationKey returns the published public key with that kid; it re-reads the keys when they are
   * stale, or (at most once a second) when the kid is unknown, so a rotation on another replica is seen.
   */
  async verificationKey(kid: string): Promise<CryptoKey | undefined> {
    const age = Date.now() - this.loadedAt;
    if (age > this.reloadIntervalMs || (!this.published.has(kid) && age > 1000)) await this.reload();
    const entry = this.published.get(kid);
    if (!entry || (entry.publishUntil !== null && entry.publishUntil <= Date.now())) return undefined;
    return entry.key;
  }

  /** publicJwks lists the active key and every retiring key still inside its publication window. */
  async publicJwks(): Promise<PublicJwk[]> {
    const rows = await publishedRows(this.db);
    return rows.map((r) => {
      const { kty, crv, x } = r.public_jwk as JWK;
      return { kty, crv, x, kid: r.kid, alg: r.alg, use: 'sig' };
    });
  }

  /** rotate makes a new active key; the previous one retires, keeps verifying, and loses its private half. */
  async rotate(): Promise<RotationResult> {
    const publishSeconds = this.options.accessTtlSeconds + this.options.retireMarginSeconds;
    const result = await this.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE auth.signing_keys IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
      const retired = await trx
        .updateTable('auth.signing_keys')
        .set({
          state: 'retiring',
          retired_at: sql<Date>`now()`,
          publish_until: sql<Date>`now() + make_interval(secs => ${publishSeconds})`,
          private_jwk_enc: null,
          private_jwk: null,
        })
        .where('state', '=', 'active')
        .returning(['kid', 'publish_until'])
        .execute();
      const kid = await insertNewKey(trx, this.options.keyring, false);
      // The newest maxPublished − 1 retired keys stay published beside the new one; older ones end now.
      const withdrawn = await trx
        .updateTable('auth.signing_keys')
        .set({ publish_until: sql<Date>`now()` })
        .where('state', '=', 'retiring')
        .where('publish_until', '>', sql<Date>`now()`)
        .where(
          'kid',
          'not in',
          trx
            .selectFrom('auth.signing_keys')
            .select('kid')
            .where('state', '=', 'retiring')
            .where('publish_until', '>', sql<Date>`now()`)
            .orderBy('retired_at', 'desc')
            .orderBy('kid')
            .limit(this.maxPublished - 1),
        )
        .returning('kid')
        .execute();
      return {
        kid,
        retired: retired.map((r) => ({ kid: r.kid, publishUntil: r.publish_until!.toISOString() })),
        withdrawn: withdrawn.map((r) => r.kid).sort(),
      };
    });
    await this.reload();
    return result;
  }

  /** pruneRetired deletes retired keys whose publication window has closed, returning their kids. */
  async pruneRetired(): Promise<string[]> {
    const rows = await this.db
      .deleteFrom('auth.signing_keys')
      .where('state', '=', 'retiring')
      .where('publish_until', '<=', sql<Date>`now()`)
      .returning('kid')
      .execute();
    return rows.map((r) => r.kid);
  }

  private async reload(): Promise<void> {
    const rows = await publishedRows(this.db);
    const activeRow = rows.find((r) => r.state === 'active');
    if (!activeRow?.private_jwk_enc) throw new SigningKeyError('no active signing key with a private key');
    const jwk = JSON.parse(this.options.keyring.open(activeRow.private_jwk_enc, activeRow.kid)) as JWK;
    const published = new Map<string, PublishedKey>();
    for (const r of rows) {
      // A kid is the thumbprint of its public key, so a key imported before is the same key: keep it.
      published.set(r.kid, {
        key: this.published.get(r.kid)?.key ?? (await importKey(r.public_jwk as JWK, r.alg)),
        publishUntil: r.publish_until?.getTime() ?? null,
      });
    }
    this.active = { kid: activeRow.kid, privateKey: await importKey(jwk, activeRow.alg) };
    this.published = published;
    this.loadedAt = Date.now();
  }
}

/** SigningKeyError is raised when no usable signing key can be loaded. */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

function publishedRows(db: Kysely<AuthDatabase>) {
  return db
    .selectFrom('auth.signing_keys')
    .select(['kid', 'alg', 'public_jwk', 'private_jwk_enc', 'state', 'publish_until'])
    .where((eb) => eb.or([eb('state', '=', 'active'), eb('publish_until', '>', sql<Date>`now()`)]))
    .orderBy('created_at', 'desc')
    .execute();
}

async function importKey(jwk: JWK, alg: string): Promise<CryptoKey> {
  const key = await importJWK(jwk, alg);
  if (key instanceof Uint8Array) throw new SigningKeyError('signing key is not an asymmetric key');
  return key;
}

async function insertNewKey(
  db: Kysely<AuthDatabase> | Transaction<AuthDatabase>,
  keyring: KeyEncryption,
  ignoreConcurrentActive: boolean,
): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const insert = db.insertInto('auth.signing_keys').values({
    kid,
    alg: SIGNING_ALG,
    state: 'active',
    public_jwk: JSON.stringify(publicJwk),
    private_jwk: null,
    private_jwk_enc: keyring.seal(JSON.stringify(await exportJWK(privateKey)), kid),
  });
  if (ignoreConcurrentActive) {
    await insert.onConflict((oc) => oc.column('state').where('state', '=', 'active').doNothing()).execute();
  } else {
    await insert.execute();
  }
  return kid;
}

// Rows from before encryption hold a clear JWK; rows sealed under an older key-encryption key are moved
// to the configured one. Both happen once, on the first start that can do them.
async function resealKeys(db: Kysely<AuthDatabase>, keyring: KeyEncryption): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('auth.signing_keys')
      .select(['kid', 'state', 'private_jwk', 'private_jwk_enc'])
      .where((eb) => eb.or([eb('private_jwk', 'is not', null), eb('private_jwk_enc', 'is not', null)]))
      .forUpdate()
      .execute();
    for (const r of rows) {
      if (r.state === 'retiring') {
        // A retired key only verifies; its private half is not needed and should not exist.
        await trx
          .updateTable('auth.signing_keys')
          .set({ private_jwk: null, private_jwk_enc: null })
          .where('kid', '=', r.kid)
          .execute();
        continue;
      }
      let clear: string | undefined;
      if (r.private_jwk !== null) clear = JSON.stringify(r.private_jwk);
      else if (r.private_jwk_enc !== null && !keyring.sealedWithPrimary(r.private_jwk_enc)) {
        clear = keyring.open(r.private_jwk_enc, r.kid);
      }
      if (clear === undefined) continue;
      await trx
        .updateTable('auth.signing_keys')
        .set({ private_jwk: null, private_jwk_enc: keyring.seal(clear, r.kid) })
        .where('kid', '=', r.kid)
        .execute();
    }
  });
}
