import type { Role } from '@sightline/contracts';
import { SignJWT } from 'jose';
import type { SigningKeyStore } from './SigningKeyStore';
import { SIGNING_ALG } from './SigningKeyStore';

/** ACCESS_TOKEN_AUDIENCE is the `aud` of every access token: the Sightline public API. */
export const ACCESS_TOKEN_AUDIENCE = 'sightline';

/** AccessTokenSubject is who an access token is issued to. */
export interface AccessTokenSubject {
  id: string;
  email: string;
  tenantId: string | null;
  roles: Role[];
}

/** issueAccessToken signs an EdDSA access JWT (kid in the header) that expires after ttlSeconds. */
export async function issueAccessToken(
  keys: SigningKeyStore,
  subject: AccessTokenSubject,
  options: { issuer: string; ttlSeconds: number; now?: Date },
): Promise<string> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ tenant: subject.tenantId, roles: subject.roles, email: subject.email })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: keys.kid, typ: 'JWT' })
    .setSubject(subject.id)
    .setIssuer(options.issuer)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + options.ttlSeconds)
    .sign(keys.privateKey);
}
