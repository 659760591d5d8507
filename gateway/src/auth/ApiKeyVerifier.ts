import { ApiKeyVerifyResponse } from '@sightline/contracts';
import { Pool } from 'undici';
import { hashApiKey } from './hashApiKey';
import { RecentMap } from '@sightline/telemetry';

/** KeyVerification is what the gateway learned about one API key. */
export type KeyVerification =
  | { kind: 'valid'; tenantId: string; keyId: string | undefined }
  | { kind: 'invalid' }
  | { kind: 'unavailable'; error: Error };

/** ApiKeyVerifierOptions configures ApiKeyVerifier.fromConfig. */
export interface ApiKeyVerifierOptions {
  authUrl: string;
  internalToken: string;
  positiveTtlMs?: number;
  negativeTtlMs?: number;
  timeoutMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/** AuthUnavailableError says the auth service could not give an answer about a key. */
export class AuthUnavailableError extends Error {
  override readonly name = 'AuthUnavailableError';
}

interface CacheEntry {
  expiresAt: number;
  result: KeyVerification;
}

/**
 * ApiKeyVerifier asks auth whether an API key is valid, caching answers by the key's SHA-256 (never the key
 * itself) and sharing one in-flight lookup between concurrent requests with the same key.
 */
export class ApiKeyVerifier {
  private readonly cache: RecentMap<string, CacheEntry>;
  private readonly inflight = new Map<string, Promise<KeyVerification>>();
  // SHA-256 of recently seen raw keys: the raw key is in memory for the request anyway, and hashing it on every
  // request was a measurable share of the hot path. Bounded like the cache, oldest first.
  private readonly hashes: RecentMap<string, string>;
  private readonly recentRevocations = new RecentMap<string, number>(10_000);
  private generation = 0;

  private constructor(
    private readonly pool: Pool,
    private readonly options: Required<Omit<ApiKeyVerifierOptions, 'authUrl'>>,
  ) {
    this.cache = new RecentMap(Math.max(2, options.maxEntries));
    this.hashes = new RecentMap(Math.max(2, options.maxEntries));
  }

  /** fromConfig builds a verifier with a keep-alive pool to the auth service. */
  static fromConfig(options: ApiKeyVerifierOptions): ApiKeyVerifier {
    const pool = new Pool(new URL(options.authUrl).origin, { connections: 16, keepAliveTimeout: 10_000 });
    return new ApiKeyVerifier(pool, {
      internalToken: options.internalToken,
      positiveTtlMs: options.positiveTtlMs ?? 30_000,
      negativeTtlMs: options.negativeTtlMs ?? 10_000,
      timeoutMs: options.timeoutMs ?? 2_000,
      maxEntries: options.maxEntries ?? 50_000,
      now: options.now ?? Date.now,
    });
  }

  /** verify resolves what auth says about key; it never rejects. */
  verify(key: string): Promise<KeyVerification> {
    const hash = this.hashOf(key);
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > this.options.now()) return Promise.resolve(cached.result);
    const pending = this.inflight.get(hash);
    if (pending) return pending;
    const generation = this.generation;
    const lookup = this.lookup(key).then((result) => {
      this.inflight.delete(hash);
      // A revocation that arrived while auth was answering may be newer than the answer: do not cache it.
      const stale = result.kind === 'valid' && this.revokedSince(hash, generation);
      if (result.kind !== 'unavailable' && !stale) this.remember(hash, result);
      return result;
    });
    this.inflight.set(hash, lookup);
    return lookup;
  }

  /** evict forgets what was cached for a key hash (SHA-256 hex of the raw key), e.g. after a revocation. */
  evict(keyHash: string): boolean {
    this.generation++;
    this.recentRevocations.set(keyHash, this.generation);
    return this.cache.delete(keyHash);
  }

  /** close empties the cache and closes the pool to auth. */
  close(): Promise<void> {
    this.cache.clear();
    this.hashes.clear();
    return this.pool.close();
  }

  private hashOf(key: string): string {
    let hash = this.hashes.get(key);
    if (hash === undefined) {
      hash = hashApiKey(key);
      this.hashes.set(key, hash);
    }
    return hash;
  }

  private revokedSince(hash: string, generation: number): boolean {
    const at = this.recentRevocations.get(hash);
    return at !== undefined && at > generation;
  }

  private remember(hash: string, result: KeyVerification): void {
    // Unknown keys are attacker-controlled, so the cache is bounded (the oldest forgotten first).
    const ttl = result.kind === 'valid' ? this.options.positiveTtlMs : this.options.negativeTtlMs;
    this.cache.set(hash, { expiresAt: this.options.now() + ttl, result });
  }

  private async lookup(key: string): Promise<KeyVerification> {
    try {
      const res = await this.pool.request({
        method: 'POST',
        path: '/internal/v1/api-keys/verify',
        headers: {
          authorization: `Bearer ${this.options.internalToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ key }),
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      const text = await res.body.text();
      if (res.statusCode !== 200) {
        return {
          kind: 'unavailable',
          error: new AuthUnavailableError(`auth answered ${res.statusCode} to a key check`),
        };
      }
      const parsed = ApiKeyVerifyResponse.safeParse(JSON.parse(text));
      if (!parsed.success)
        return {
          kind: 'unavailable',
          error: new AuthUnavailableError('auth answered a malformed key check'),
        };
      const { valid, tenantId, keyId } = parsed.data;
      if (!valid || !tenantId) return { kind: 'invalid' };
      return { kind: 'valid', tenantId, keyId };
    } catch (err) {
      return { kind: 'unavailable', error: new AuthUnavailableError('auth is unreachable', { cause: err }) };
    }
  }
}
