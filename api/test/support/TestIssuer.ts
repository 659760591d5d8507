import type { Role } from '@sightline/contracts';
import type { CryptoKey, JWK } from 'jose';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/** TokenOptions shape one test token. */
export interface TokenOptions {
  tenant: string | null;
  roles: Role[];
  issuer?: string;
  audience?: string;
  expiresInSeconds?: number;
  kid?: string;
  sub?: string;
}

/** TestIssuer is a jose key pair made in the test that signs access tokens like auth does. */
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
    return new SignJWT({ tenant: options.tenant, roles: options.roles, email: 'someone@example.com' })
      .setProtectedHeader({ alg: 'EdDSA', kid: options.kid ?? this.kid, typ: 'JWT' })
      .setSubject(options.sub ?? 'user-1')
      .setIssuer(options.issuer ?? 'sightline-auth')
      .setAudience(options.audience ?? 'sightline')
      .setIssuedAt(now - 5)
      .setExpirationTime(now + (options.expiresInSeconds ?? 900))
      .sign(this.privateKey);
  }
}
