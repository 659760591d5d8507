import { createHmac } from 'node:crypto';
import type { Role } from '@sightline/contracts';
import type { CryptoKey, JWK } from 'jose';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/** TokenOptions shape one test token. */
export interface TokenOptions {
  tenant: string | null;
  roles: Role[];
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative makes an expired token. */
  expiresInSeconds?: number;
  /** Seconds from now for nbf. */
  notBeforeInSeconds?: number;
  kid?: string;
  sub?: string;
  email?: string;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** TestIssuer is an Ed25519 key pair made in the test that signs access tokens like auth does, and forges bad ones. */
export class TestIssuer {
  private constructor(
    readonly kid: string,
    private readonly privateKey: CryptoKey,
    readonly publicJwk: JWK,
  ) {}

  /** create makes a fresh Ed25519 key pair. */
  static async create(kid = 'test-key-1'): Promise<TestIssuer> {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    return new TestIssuer(kid, privateKey, await exportJWK(publicKey));
  }

  /** jwks is the JWKS document auth would publish for this key. */
  jwks(): { keys: JWK[] } {
    return { keys: [{ ...this.publicJwk, kid: this.kid, alg: 'EdDSA', use: 'sig' }] };
  }

  /** sign issues an access token with the given claims. */
  sign(options: TokenOptions): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({
      tenant: options.tenant,
      roles: options.roles,
      email: options.email ?? 'someone@example.com',
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: options.kid ?? this.kid, typ: 'JWT' })
      .setSubject(options.sub ?? 'user-1')
      .setIssuer(options.issuer ?? 'sightline-auth')
      .setAudience(options.audience ?? 'sightline')
      .setIssuedAt(now - 5)
      .setExpirationTime(now + (options.expiresInSeconds ?? 900));
    if (options.notBeforeInSeconds !== undefined) jwt.setNotBefore(now + options.notBeforeInSeconds);
    return jwt.sign(this.privateKey);
  }

  /** unsigned forges an `alg: none` token with valid-looking claims. */
  unsigned(claims: Record<string, unknown>): string {
    return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(this.claims(claims))}.`;
  }

  /** hs256WithPublicKey forges the classic algorithm-confusion token: HMAC keyed with the public JWK. */
  hs256WithPublicKey(claims: Record<string, unknown>): string {
    const head = `${b64({ alg: 'HS256', kid: this.kid, typ: 'JWT' })}.${b64(this.claims(claims))}`;
    const sig = createHmac('sha256', JSON.stringify(this.jwks().keys[0])).update(head).digest('base64url');
    return `${head}.${sig}`;
  }

  private claims(extra: Record<string, unknown>): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return {
      sub: 'mallory',
      iss: 'sightline-auth',
      aud: 'sightline',
      iat: now,
      exp: now + 600,
      roles: ['super_admin'],
      tenant: null,
      ...extra,
    };
  }
}

/** tamper swaps a signed token's payload for another one, keeping header and signature. */
export function tamper(token: string, claims: Record<string, unknown>): string {
  const [h, p, s] = token.split('.');
  const payload = {
    ...(JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>),
    ...claims,
  };
  return `${h}.${b64(payload)}.${s}`;
}
