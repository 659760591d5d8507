import type { Principal } from '@sightline/authn';
import { AccessClaims } from '@sightline/contracts';
import { UnauthorizedError } from '@sightline/http';
import type { JWTHeaderParameters } from 'jose';
import { errors, jwtVerify } from 'jose';
import { ACCESS_TOKEN_AUDIENCE } from './issueAccessToken';
import type { SigningKeyStore } from './SigningKeyStore';
import { SIGNING_ALG } from './SigningKeyStore';

/** VerifiedToken is a verified access token's principal plus the claims auth itself needs. */
export interface VerifiedToken {
  principal: Principal;
  clientId?: string;
}

class UnknownKidError extends Error {
  override readonly name = 'UnknownKidError';
}

/**
 * AccessTokenVerifier checks access tokens in-process against auth's own key store (no JWKS round trip,
 * so a just-rotated key verifies at once) and says why a token was refused.
 */
export class AccessTokenVerifier {
  constructor(
    private readonly keys: SigningKeyStore,
    private readonly issuer: string,
  ) {}

  /** verify returns the token's principal or throws UnauthorizedError with the reason. */
  async verify(token: string): Promise<VerifiedToken> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, (header) => this.keyFor(header), {
        issuer: this.issuer,
        audience: ACCESS_TOKEN_AUDIENCE,
        algorithms: [SIGNING_ALG],
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: 5,
      }));
    } catch (err) {
      throw new UnauthorizedError(reasonOf(err));
    }
    const claims = AccessClaims.safeParse(payload);
    if (!claims.success) throw new UnauthorizedError('token claims are invalid');
    const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
    return {
      principal: {
        userId: claims.data.sub,
        tenant: claims.data.tenant,
        roles: claims.data.roles,
        ...(claims.data.email === undefined ? {} : { email: claims.data.email }),
        expiresAt: payload.exp!,
      },
      ...(clientId === undefined ? {} : { clientId }),
    };
  }

  private async keyFor(header: JWTHeaderParameters) {
    if (typeof header.kid !== 'string') throw new UnknownKidError('token has no kid');
    const key = await this.keys.verificationKey(header.kid);
    if (!key) throw new UnknownKidError('token signing key is unknown');
    return key;
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof UnknownKidError) return err.message;
  if (err instanceof errors.JOSEAlgNotAllowed) return 'token algorithm is not allowed';
  if (err instanceof errors.JWTExpired) return 'token has expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return 'token is not valid yet';
    return `token claim ${err.claim} is invalid`;
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  return 'token is malformed';
}
