import { AccessClaims } from '@sightline/contracts';
import { UnauthorizedError } from '@sightline/http';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { DependencyUnavailableError } from '@sightline/http';
import type { Principal } from './Principal';

/** ACCESS_TOKEN_AUDIENCE is the audience every access token must name. */
export const ACCESS_TOKEN_AUDIENCE = 'sightline';

/** TokenVerifierOptions configures TokenVerifier.fromConfig. */
export interface TokenVerifierOptions {
  authUrl: string;
  issuer: string;
}

/** TokenVerifier checks access JWTs locally against auth's JWKS, which it fetches once and caches. */
export class TokenVerifier {
  private constructor(
    private readonly jwks: ReturnType<typeof createRemoteJWKSet>,
    private readonly issuer: string,
  ) {}

  /** fromConfig builds a verifier whose key set refreshes only on an unknown kid or after ten minutes. */
  static fromConfig(options: TokenVerifierOptions): TokenVerifier {
    const jwksUrl = new URL(`${options.authUrl.replace(/\/+$/, '')}/.well-known/jwks.json`);
    const jwks = createRemoteJWKSet(jwksUrl, {
      timeoutDuration: 3000,
      cooldownDuration: 30_000,
      cacheMaxAge: 600_000,
    });
    return new TokenVerifier(jwks, options.issuer);
  }

  /** verify returns the token's principal; a bad token is UnauthorizedError, an unreachable JWKS is a 503. */
  async verify(token: string): Promise<Principal> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.issuer,
        audience: ACCESS_TOKEN_AUDIENCE,
        algorithms: ['EdDSA'],
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (err) {
      if (isKeySetUnavailable(err)) throw new DependencyUnavailableError('auth', { cause: err });
      throw new UnauthorizedError('invalid or expired token');
    }
    const claims = AccessClaims.safeParse(payload);
    if (!claims.success) throw new UnauthorizedError('token claims are invalid');
    return {
      userId: claims.data.sub,
      tenant: claims.data.tenant,
      roles: claims.data.roles,
      ...(claims.data.email === undefined ? {} : { email: claims.data.email }),
      expiresAt: payload.exp!,
    };
  }
}

// jose reports a JWKS it could not fetch as a timeout, a generic JOSEError (non-200) or a raw fetch error.
function isKeySetUnavailable(err: unknown): boolean {
  if (err instanceof errors.JWKSTimeout) return true;
  if (err instanceof errors.JOSEError) return err.code === 'ERR_JOSE_GENERIC';
  return true;
}
