import { SignJWT, UnsecuredJWT, base64url, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import type { AuthHarness } from './support/startAuthHarness';
import { startAuthHarness } from './support/startAuthHarness';

let h: AuthHarness;
let good: string;

beforeAll(async () => {
  h = await startAuthHarness();
  good = await h.adminToken();
});

afterAll(async () => {
  await h?.close();
});

async function activeKid(): Promise<string> {
  return decodeProtectedHeader(good).kid!;
}

const claims = (extra: Record<string, unknown> = {}) => ({
  tenant: null,
  roles: ['super_admin'],
  email: 'admin@sightline.local',
  ...extra,
});

async function forged(kind: string): Promise<string> {
  const sub = JSON.parse(Buffer.from(good.split('.')[1]!, 'base64url').toString()).sub as string;
  const now = Math.floor(Date.now() / 1000);
  switch (kind) {
    case 'alg none':
      return new UnsecuredJWT(claims())
        .setSubject(sub)
        .setIssuer('sightline-auth')
        .setAudience('sightline')
        .setIssuedAt()
        .setExpirationTime('10m')
        .encode();
    case 'HS256 signed with the public key': {
      const { keys } = (await (await fetch(`${h.base}/.well-known/jwks.json`)).json()) as { keys: object[] };
      const secret = new TextEncoder().encode(JSON.stringify(keys[0]));
      return new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256', kid: await activeKid() })
        .setSubject(sub)
        .setIssuer('sightline-auth')
        .setAudience('sightline')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(secret);
    }
    case 'an unknown kid': {
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      return new SignJWT(claims())
        .setProtectedHeader({ alg: 'EdDSA', kid: 'not-a-kid-we-published' })
        .setSubject(sub)
        .setIssuer('sightline-auth')
        .setAudience('sightline')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
    }
    case 'our kid but a stranger key': {
      const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      expect((await exportJWK(publicKey)).kty).toBe('OKP');
      return new SignJWT(claims())
        .setProtectedHeader({ alg: 'EdDSA', kid: await activeKid() })
        .setSubject(sub)
        .setIssuer('sightline-auth')
        .setAudience('sightline')
        .setIssuedAt(now - 60)
        .setExpirationTime(now + 600)
        .sign(privateKey);
    }
    case 'a tampered payload': {
      const [header, payload, signature] = good.split('.') as [string, string, string];
      const changed = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      changed.tenant = 'acme';
      changed.roles = ['super_admin', 'tenant_admin'];
      return `${header}.${base64url.encode(JSON.stringify(changed))}.${signature}`;
    }
    case 'garbage':
      return 'not.a.jwt';
    default:
      throw new Error(kind);
  }
}

describe('admin routes refuse hostile tokens with 401 and a reason', () => {
  it.each([
    ['alg none', 'token algorithm is not allowed'],
    ['HS256 signed with the public key', 'token algorithm is not allowed'],
    ['an unknown kid', 'token signing key is unknown'],
    ['our kid but a stranger key', 'token signature is invalid'],
    ['a tampered payload', 'token signature is invalid'],
    ['garbage', 'token is malformed'],
  ])('refuses a token with %s', async (kind, reason) => {
    const res = await h.get('/admin/v1/audit', await forged(kind));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await res.json()) as { detail: string }).detail).toBe(reason);
  });

  it('refuses an expired token and a token that is not valid yet, saying which', async () => {
    const { rows } = await h.sql.query(
      `SELECT kid, private_jwk_enc FROM auth.signing_keys WHERE state = 'active'`,
    );
    expect(rows).toHaveLength(1);
    // Sign with auth's own active key (unsealed from the database), so only exp, nbf or aud differ from
    // a genuine token.
    const { KeyEncryption } = await import('../src/crypto/KeyEncryption');
    const local = await h.sql.query(`SELECT key FROM auth.local_key_encryption_key`);
    const jwk = JSON.parse(
      new KeyEncryption(local.rows[0].key as Buffer).open(rows[0].private_jwk_enc, rows[0].kid),
    );
    const { importJWK } = await import('jose');
    const key = await importJWK(jwk, 'EdDSA');
    const sub = JSON.parse(Buffer.from(good.split('.')[1]!, 'base64url').toString()).sub as string;
    const now = Math.floor(Date.now() / 1000);
    const sign = (iat: number, exp: number, nbf?: number) => {
      const jwt = new SignJWT(claims())
        .setProtectedHeader({ alg: 'EdDSA', kid: rows[0].kid })
        .setSubject(sub)
        .setIssuer('sightline-auth')
        .setAudience('sightline')
        .setIssuedAt(iat)
        .setExpirationTime(exp);
      if (nbf !== undefined) jwt.setNotBefore(nbf);
      return jwt.sign(key);
    };
    const control = await h.get('/admin/v1/audit?limit=1', await sign(now - 10, now + 600));
    expect(control.status).toBe(200);
    const expired = await h.get('/admin/v1/audit', await sign(now - 1000, now - 100));
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { detail: string }).detail).toBe('token has expired');
    const early = await h.get('/admin/v1/audit', await sign(now, now + 600, now + 300));
    expect(early.status).toBe(401);
    expect(((await early.json()) as { detail: string }).detail).toBe('token is not valid yet');
    const wrongAudience = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'EdDSA', kid: rows[0].kid })
      .setSubject(sub)
      .setIssuer('sightline-auth')
      .setAudience('somebody-else')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key);
    const res = await h.get('/admin/v1/audit', wrongAudience);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toBe('token claim aud is invalid');
  });

  it.each([
    ['no Authorization header', undefined],
    ['a Basic header', 'Basic YWRtaW46YWRtaW4='],
    ['a bearer token with spaces', 'Bearer a b c'],
    ['an 9000-character bearer token', `Bearer ${'a'.repeat(9000)}`],
  ])('refuses %s with 401', async (_name, header) => {
    const res = await fetch(`${h.base}/admin/v1/users`, { headers: header ? { authorization: header } : {} });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a valid token of a role that may not administer with 403', async () => {
    await h.createUser({
      email: 'viewer@acme.test',
      password: 'viewer password 1',
      tenantId: 'acme',
      roles: ['viewer'],
    });
    const viewer = await h.login('viewer@acme.test', 'viewer password 1');
    for (const path of ['/admin/v1/users', '/admin/v1/audit', '/admin/v1/tenants/acme/api-keys']) {
      const res = await h.get(path, viewer.accessToken);
      expect(res.status).toBe(403);
    }
  });

  it('refuses a still-unexpired token of a user who has since been disabled', async () => {
    const id = await h.createUser({
      email: 'leaver@acme.test',
      password: 'leaver password 1',
      tenantId: 'acme',
      roles: ['tenant_admin'],
    });
    const leaver = await h.login('leaver@acme.test', 'leaver password 1');
    expect((await h.get('/admin/v1/users', leaver.accessToken)).status).toBe(200);
    expect((await h.del(`/admin/v1/users/${id}`, await h.adminToken())).status).toBe(204);
    const res = await h.get('/admin/v1/users', leaver.accessToken);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toBe('token subject is disabled or revoked');
  });
});
