import type { Role } from '@sightline/contracts';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import type { SigningKeyStore } from './SigningKeyStore';
import { SIGNING_ALG } from './SigningKeyStore';

/** ACCESS_TOKEN_AUDIENCE is the `aud` of every access token: the Sightline public API. */
export const ACCESS_TOKEN_AUDIENCE = 'sightline';

/** AccessTokenSubject is who an access token is issued to: a user (with email) or a machine client. */
export interface AccessTokenSubject {
  id: string;
  email?: string;
  tenantId: string | null;
  roles: Role[];
  /** Set for client-credentials tokens (RFC 9068 `client_id`). */
  clientId?: string;
}

/** issueAccessToken signs an EdDSA access JWT (kid in the header, unique jti) that expires after ttlSeconds. */
export async function issueAccessToken(
  keys: SigningKeyStore,
  subject: AccessTokenSubject,
  options: { issuer: string; ttlSeconds: number; now?: Date },
): Promise<string> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const { kid, privateKey } = await keys.signingKey();
  const claims: Record<string, unknown> = { tenant: subject.tenantId, roles: subject.roles };
  if (subject.email !== undefined) claims.email = subject.email;
  if (subject.clientId !== undefined) {
    claims.client_id = subject.clientId;
    claims.scope = subject.roles.join(' ');
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: 'JWT' })
    .setSubject(subject.id)
    .setIssuer(options.issuer)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + options.ttlSeconds)
    .setJti(randomUUID())
    .sign(privateKey);
}
