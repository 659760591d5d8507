import type { Principal, TokenVerifier } from '@sightline/authn';
import { ACCESS_TOKEN_AUDIENCE } from '@sightline/authn';
import { DependencyUnavailableError, HttpError } from '@sightline/http';
import { RecentMap } from '@sightline/telemetry';

/** JwtVerification is what the gateway learned about one access token. */
export type JwtVerification =
  | { kind: 'valid'; principal: Principal }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unavailable'; error: Error };

/** JwtAuthenticatorOptions configures JwtAuthenticator. */
export interface JwtAuthenticatorOptions {
  issuer: string;
  maxEntries?: number;
  now?: () => number;
}

interface Decoded {
  header: Record<string, unknown> | undefined;
  payload: Record<string, unknown> | undefined;
}

/**
 * JwtAuthenticator verifies access JWTs locally with TokenVerifier (JWKS cached; no call to auth per request),
 * remembers verified tokens until they expire, and explains a rejection (algorithm, expiry, not-before,
 * issuer, audience, signature) so a client learns why without the gateway trusting anything unverified.
 */
export class JwtAuthenticator {
  private readonly cache: RecentMap<string, Principal>;
  private readonly now: () => number;

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly options: JwtAuthenticatorOptions,
  ) {
    this.cache = new RecentMap(Math.max(2, options.maxEntries ?? 10_000));
    this.now = options.now ?? Date.now;
  }

  /** verify resolves what the token proves; it never rejects. */
  async verify(token: string): Promise<JwtVerification> {
    const cached = this.cache.get(token);
    if (cached) {
      if (cached.expiresAt * 1000 > this.now()) return { kind: 'valid', principal: cached };
      this.cache.delete(token);
    }
    const { header, payload } = decode(token);
    if (!header || !payload) return { kind: 'invalid', reason: 'malformed token' };
    // Only EdDSA is ever accepted; saying so up front makes "alg: none" and HS256-with-the-public-key
    // confusion attacks fail with a precise reason before any key is looked at.
    if (header.alg !== 'EdDSA')
      return { kind: 'invalid', reason: `token algorithm ${String(header.alg)} is not accepted` };
    let principal: Principal;
    try {
      principal = await this.verifier.verify(token);
    } catch (err) {
      if (err instanceof DependencyUnavailableError) return { kind: 'unavailable', error: err };
      if (err instanceof HttpError) return { kind: 'invalid', reason: this.explain(payload, err.message) };
      return { kind: 'unavailable', error: err instanceof Error ? err : new Error(String(err)) };
    }
    this.cache.set(token, principal);
    return { kind: 'valid', principal };
  }

  // Reached only after verification failed, so reading the unverified claims cannot grant anything.
  private explain(payload: Record<string, unknown>, fallback: string): string {
    const nowS = this.now() / 1000;
    if (typeof payload.exp === 'number' && payload.exp <= nowS) return 'token expired';
    if (typeof payload.nbf === 'number' && payload.nbf > nowS)
      return 'token not yet valid (nbf is in the future)';
    if (payload.iss !== this.options.issuer) return 'token issuer is not accepted';
    const aud = payload.aud;
    if (aud !== ACCESS_TOKEN_AUDIENCE && !(Array.isArray(aud) && aud.includes(ACCESS_TOKEN_AUDIENCE)))
      return 'token audience is not accepted';
    if (fallback === 'token claims are invalid') return fallback;
    return 'token signature does not verify (unknown key id or altered token)';
  }
}

function decode(token: string): Decoded {
  const [h, p] = token.split('.');
  return { header: part(h), payload: part(p) };
}

function part(segment: string | undefined): Record<string, unknown> | undefined {
  if (!segment) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
