import { DEMO_TENANTS, LoginResponse } from '@sightline/contracts';
import { createTestDatabase } from '@sightline/testing';
import type { TestDatabase } from '@sightline/testing';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadAuthConfig } from '../src/config';
import type { AuthConfig } from '../src/config';
import { startAuth } from '../src/startAuth';
import type { AuthHandle } from '../src/startAuth';

const INTERNAL_TOKEN = 'test-internal-token-0123456789';
const ADMIN_EMAIL = 'admin@sightline.local';
const ADMIN_PASSWORD = 'correct horse battery staple';

let database: TestDatabase;
let config: AuthConfig;
let auth: AuthHandle;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase('sl_auth');
  config = loadAuthConfig(
    {},
    {
      DATABASE_URL: database.url,
      INTERNAL_TOKEN,
      AUTH_PORT: 0,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      SEED_DEMO: true,
      LOG_LEVEL: 'silent',
    },
  );
  auth = await startAuth(config);
  base = `http://127.0.0.1:${auth.port}`;
});

afterAll(async () => {
  await auth?.close();
  await database?.drop();
});

function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const verifyKey = (key: unknown, token: string | null = INTERNAL_TOKEN) =>
  postJson(
    '/internal/v1/api-keys/verify',
    { key },
    token === null ? {} : { authorization: `Bearer ${token}` },
  );

describe('login', () => {
  it('issues an EdDSA access token for the admin that verifies against the published JWKS', async () => {
    const res = await postJson('/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = LoginResponse.parse(await res.json());
    expect(body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { email: ADMIN_EMAIL, tenantId: null, roles: ['super_admin'] },
    });

    const jwks = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(body.accessToken, jwks, {
      issuer: 'sightline-auth',
      audience: 'sightline',
      algorithms: ['EdDSA'],
    });
    expect(protectedHeader.alg).toBe('EdDSA');
    expect(typeof protectedHeader.kid).toBe('string');
    expect(payload).toMatchObject({
      sub: body.user.id,
      tenant: null,
      roles: ['super_admin'],
      email: ADMIN_EMAIL,
      iss: 'sightline-auth',
      aud: 'sightline',
    });
    expect(payload.exp! - payload.iat!).toBe(900);
  });

  it('accepts the email in any letter case', async () => {
    const res = await postJson('/v1/auth/login', {
      email: 'ADMIN@Sightline.Local',
      password: ADMIN_PASSWORD,
    });
    expect(res.status).toBe(200);
  });

  it('answers a wrong password and an unknown user with the same 401 problem', async () => {
    const wrongPassword = await postJson('/v1/auth/login', {
      email: ADMIN_EMAIL,
      password: 'not the password',
    });
    const unknownUser = await postJson('/v1/auth/login', {
      email: 'nobody@example.com',
      password: ADMIN_PASSWORD,
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.headers.get('content-type')).toContain('application/problem+json');
    const a = (await wrongPassword.json()) as { detail: string };
    const b = await unknownUser.json();
    expect(a).toEqual(b);
    expect(a.detail).toBe('invalid email or password');
  });

  it.each([
    ['malformed JSON', 400, '{"email": "admin@sightline.local", "password": '],
    ['a missing password', 400, { email: ADMIN_EMAIL }],
    ['an email that is not an email', 400, { email: 'admin', password: 'x' }],
    ['a JSON array instead of an object', 400, [ADMIN_EMAIL, ADMIN_PASSWORD]],
    ['a password longer than 1024 characters', 400, { email: ADMIN_EMAIL, password: 'p'.repeat(1025) }],
    ['a body over 16 kB', 413, { email: ADMIN_EMAIL, password: 'x', padding: 'a'.repeat(20_000) }],
  ])('rejects %s with a %i problem+json', async (_name, status, body) => {
    const res = await postJson('/v1/auth/login', body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { status: number }).status).toBe(status);
  });

  it('rejects a login sent as form data instead of JSON with a 415 problem', async () => {
    const res = await fetch(`${base}/v1/auth/login`, {
      method: 'POST',
      body: new URLSearchParams({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.text()).not.toContain('accessToken');
  });
});

describe('JWKS', () => {
  it('publishes the signing key named by the token header and no private key material', async () => {
    const login = LoginResponse.parse(
      await (await postJson('/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).json(),
    );
    const res = await fetch(`${base}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(keys.map((k) => k.kid)).toContain(decodeProtectedHeader(login.accessToken).kid);
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    }
  });

  it('keeps the same signing key and admin user when auth restarts on the same database', async () => {
    const before = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[];
    };
    const second = await startAuth(config);
    try {
      const after = (await (await fetch(`http://127.0.0.1:${second.port}/.well-known/jwks.json`)).json()) as {
        keys: { kid: string }[];
      };
      expect(after.keys).toEqual(before.keys);
      expect(before.keys).toHaveLength(1);
      const res = await postJson('/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      expect(res.status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe('internal API-key verification', () => {
  it.each(DEMO_TENANTS.map((t) => [t.id, t.demoApiKey]))(
    'verifies the demo key of %s to that tenant',
    async (tenantId, key) => {
      const res = await verifyKey(key);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { keyId?: unknown };
      expect(body).toMatchObject({ valid: true, tenantId });
      expect(typeof body.keyId).toBe('string');
    },
  );

  it('answers valid:false for an unknown key', async () => {
    const res = await verifyKey('sl_demo_acme_0000000000000000000000');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ valid: false });
  });

  it('answers valid:false for a revoked key', async () => {
    const revoked = 'sl_live_revoked_5b1e0c2d9a7f4e6b8c3d';
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO auth.api_keys (tenant_id, prefix, key_hash, revoked_at) VALUES ('globex', $1, encode(sha256($2::bytea), 'hex'), now())`,
        [revoked.slice(0, 12), revoked],
      );
    } finally {
      await client.end();
    }
    expect(await (await verifyKey(revoked)).json()).toEqual({ valid: false });
  });

  it.each([
    ['no Authorization header', null],
    ['a wrong internal token', 'wrong-internal-token-0123456789'],
    ['an empty bearer token', ''],
  ])('refuses a caller with %s with 401', async (_name, token) => {
    const res = await verifyKey(DEMO_TENANTS[0]!.demoApiKey, token);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const text = await res.text();
    expect(text).not.toContain('tenantId');
  });

  it.each([
    ['an empty key', ''],
    ['a key that is not a string', 12345],
    ['a key longer than 512 characters', 'k'.repeat(513)],
  ])('rejects %s with 400', async (_name, key) => {
    const res = await verifyKey(key);
    expect(res.status).toBe(400);
  });
});

describe('configuration', () => {
  it('refuses an INTERNAL_TOKEN shorter than 16 characters and names the variable', () => {
    expect(() =>
      loadAuthConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db', INTERNAL_TOKEN: 'short' }),
    ).toThrow(/INTERNAL_TOKEN/);
  });

  it('reads ADMIN_PASSWORD from the file named by ADMIN_PASSWORD_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-auth-'));
    const file = join(dir, 'admin-password');
    writeFileSync(file, 'from-a-secret-file\n');
    const loaded = loadAuthConfig({
      DATABASE_URL: 'postgres://x@127.0.0.1/db',
      INTERNAL_TOKEN,
      ADMIN_PASSWORD_FILE: file,
    });
    expect(loaded.ADMIN_PASSWORD).toBe('from-a-secret-file');
    rmSync(dir, { recursive: true });
  });

  it('refuses to start without DATABASE_URL and names the variable', () => {
    expect(() => loadAuthConfig({ INTERNAL_TOKEN })).toThrow(/DATABASE_URL/);
  });
});
