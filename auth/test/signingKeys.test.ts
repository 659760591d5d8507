import { createTestDatabase } from '@sightline/testing';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { randomBytes } from 'node:crypto';
import { loadAuthConfig } from '../src/config';
import { startAuth } from '../src/startAuth';
import type { AuthHarness } from './support/startAuthHarness';
import { ADMIN_PASSWORD, INTERNAL_TOKEN, startAuthHarness } from './support/startAuthHarness';

let h: AuthHarness;

beforeAll(async () => {
  // Keys are re-read on every use, so moving publish_until in the database stands in for waiting.
  h = await startAuthHarness(
    { ACCESS_TOKEN_TTL_SECONDS: 600, SIGNING_KEY_RETIRE_MARGIN_SECONDS: 120 },
    { keyReloadIntervalMs: 0 },
  );
});

afterAll(async () => {
  await h?.close();
});

const jwksKids = async (base = h.base) =>
  ((await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys.map(
    (k) => k.kid,
  );

describe('signing key rotation', () => {
  it('keeps the previous key published for TTL + margin, then drops it', async () => {
    const oldToken = await h.adminToken();
    const oldKid = decodeProtectedHeader(oldToken).kid!;
    const res = await h.post('/admin/v1/signing-keys/rotate', '', { authorization: `Bearer ${oldToken}` });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { kid: string; retired: { kid: string; publishUntil: string }[] };
    expect(body.kid).not.toBe(oldKid);
    expect(body.retired.map((r) => r.kid)).toEqual([oldKid]);
    const window = Date.parse(body.retired[0]!.publishUntil) - Date.now();
    expect(window).toBeGreaterThan(715_000);
    expect(window).toBeLessThanOrEqual(720_000);

    expect(await jwksKids()).toEqual([body.kid, oldKid]);
    const newToken = await h.adminToken();
    expect(decodeProtectedHeader(newToken).kid).toBe(body.kid);
    const jwks = createRemoteJWKSet(new URL(`${h.base}/.well-known/jwks.json`));
    for (const token of [oldToken, newToken]) {
      await expect(jwtVerify(token, jwks, { audience: 'sightline' })).resolves.toBeDefined();
      expect((await h.get('/admin/v1/audit?limit=1', token)).status).toBe(200);
    }

    // Time passes: every token the old key signed has expired.
    await h.sql.query(
      `UPDATE auth.signing_keys SET publish_until = now() - interval '1 second' WHERE kid = $1`,
      [oldKid],
    );
    expect(await jwksKids()).toEqual([body.kid]);
    const refused = await h.get('/admin/v1/audit', oldToken);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { detail: string }).detail).toBe('token signing key is unknown');
    // The janitor (which also runs at start) deletes the row and audits it.
    const replica = await startAuth({ ...h.config, LOG_LEVEL: 'silent' });
    await replica.close();
    const { rows } = await h.sql.query(`SELECT kid FROM auth.signing_keys`);
    expect(rows.map((r) => r.kid)).toEqual([body.kid]);
    const dropped = await h.sql.query(
      `SELECT actor_type FROM auth.audit_log WHERE action = 'signing_key.drop'`,
    );
    expect(dropped.rows).toEqual([{ actor_type: 'system' }]);

    const audit = await h.sql.query(
      `SELECT actor_email, target_id FROM auth.audit_log WHERE action = 'signing_key.rotate'`,
    );
    expect(audit.rows).toEqual([{ actor_email: 'admin@sightline.local', target_id: body.kid }]);
  });

  it('never stores a private key in clear, and a retired key keeps no private half', async () => {
    const { rows } = await h.sql.query(
      `SELECT kid, state, private_jwk, private_jwk_enc FROM auth.signing_keys`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) {
      expect(row.private_jwk).toBeNull();
      if (row.state === 'active') {
        expect(row.private_jwk_enc).toMatch(
          /^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/,
        );
        expect(row.private_jwk_enc).not.toContain('"d"');
      } else {
        expect(row.private_jwk_enc).toBeNull();
      }
    }
  });

  it('lets only a platform super_admin rotate keys', async () => {
    await h.createUser({
      email: 'ta@acme.test',
      password: 'tenant admin pw 1',
      tenantId: 'acme',
      roles: ['tenant_admin'],
    });
    const ta = await h.login('ta@acme.test', 'tenant admin pw 1');
    const res = await h.post('/admin/v1/signing-keys/rotate', '', {
      authorization: `Bearer ${ta.accessToken}`,
    });
    expect(res.status).toBe(403);
    expect((await h.post('/admin/v1/signing-keys/rotate', '')).status).toBe(401);
  });
});

describe('key encryption at rest', () => {
  it('refuses to start in production without AUTH_KEY_ENCRYPTION_KEY and names the variable', () => {
    expect(() =>
      loadAuthConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db', INTERNAL_TOKEN, NODE_ENV: 'production' }),
    ).toThrow(/AUTH_KEY_ENCRYPTION_KEY.*required when NODE_ENV=production/);
  });

  it.each([
    ['16 bytes', randomBytes(16).toString('base64')],
    ['not base64', '!'.repeat(44)],
  ])('refuses an AUTH_KEY_ENCRYPTION_KEY of %s', (_name, value) => {
    expect(() =>
      loadAuthConfig({
        DATABASE_URL: 'postgres://x@127.0.0.1/db',
        INTERNAL_TOKEN,
        AUTH_KEY_ENCRYPTION_KEY: value,
      }),
    ).toThrow(/AUTH_KEY_ENCRYPTION_KEY/);
  });

  it('warns once when it falls back to the development key, and seals legacy clear keys on start', async () => {
    expect(h.logs.filter((l) => l.includes('AUTH_KEY_ENCRYPTION_KEY is not set'))).toHaveLength(1);
    const database = await createTestDatabase('sl_auth_kek');
    const base = { DATABASE_URL: database.url, INTERNAL_TOKEN, AUTH_PORT: 0, LOG_LEVEL: 'silent' as const };
    try {
      // A first start makes a key; then simulate a row written by the first cut, in clear.
      const first = await startAuth(loadAuthConfig({}, { ...base, ADMIN_PASSWORD }));
      const before = await jwksKids(`http://127.0.0.1:${first.port}`);
      await first.close();
      const pg = new (await import('pg')).default.Client({ connectionString: database.url });
      await pg.connect();
      try {
        const { KeyEncryption } = await import('../src/crypto/KeyEncryption');
        const local = await pg.query(`SELECT key FROM auth.local_key_encryption_key`);
        const row = (await pg.query(`SELECT kid, private_jwk_enc FROM auth.signing_keys`)).rows[0];
        const clear = new KeyEncryption(local.rows[0].key as Buffer).open(row.private_jwk_enc, row.kid);
        await pg.query(`UPDATE auth.signing_keys SET private_jwk = $1, private_jwk_enc = NULL`, [clear]);

        // Now production-style: a configured key takes over and the development key is dropped.
        const kek = randomBytes(32).toString('base64');
        const second = await startAuth(loadAuthConfig({}, { ...base, AUTH_KEY_ENCRYPTION_KEY: kek }));
        try {
          expect(await jwksKids(`http://127.0.0.1:${second.port}`)).toEqual(before);
          const res = await fetch(`http://127.0.0.1:${second.port}/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'admin@sightline.local', password: ADMIN_PASSWORD }),
          });
          expect(res.status).toBe(200);
        } finally {
          await second.close();
        }
        const after = (await pg.query(`SELECT private_jwk, private_jwk_enc FROM auth.signing_keys`)).rows[0];
        expect(after.private_jwk).toBeNull();
        expect(after.private_jwk_enc).toMatch(/^v1\./);
        expect(
          (await pg.query(`SELECT count(*)::int AS n FROM auth.local_key_encryption_key`)).rows[0].n,
        ).toBe(0);

        // A different key cannot open them: auth refuses to start and says why.
        const wrong = randomBytes(32).toString('base64');
        await expect(
          startAuth(loadAuthConfig({}, { ...base, AUTH_KEY_ENCRYPTION_KEY: wrong })),
        ).rejects.toThrow(/sealed with key-encryption key .* but the configured key is/);
      } finally {
        await pg.end();
      }
    } finally {
      await database.drop();
    }
  });
});

describe('a cap on published signing keys', () => {
  let capped: AuthHarness;

  beforeAll(async () => {
    capped = await startAuthHarness({ SIGNING_KEYS_MAX_PUBLISHED: 3 }, { keyReloadIntervalMs: 0 });
  });

  afterAll(async () => {
    await capped?.close();
  });

  it('withdraws the oldest retired keys past SIGNING_KEYS_MAX_PUBLISHED, says so, and refuses their tokens', async () => {
    const tokens: string[] = [];
    const kids: string[] = [];
    const withdrawn: string[][] = [];
    for (let i = 0; i < 4; i++) {
      const token = await capped.adminToken();
      tokens.push(token);
      kids.push(decodeProtectedHeader(token).kid!);
      const res = await capped.post('/admin/v1/signing-keys/rotate', '', {
        authorization: `Bearer ${token}`,
      });
      expect(res.status).toBe(200);
      withdrawn.push(((await res.json()) as { withdrawn: string[] }).withdrawn);
    }
    const active = decodeProtectedHeader(await capped.adminToken()).kid!;
    // Keys 0..3 signed in turn; after four rotations the active key and the two newest retired ones remain.
    expect(withdrawn).toEqual([[], [], [kids[0]], [kids[1]]]);
    expect(await jwksKids(capped.base)).toEqual([active, kids[3], kids[2]]);
    for (const i of [0, 1]) {
      const res = await capped.get('/admin/v1/audit?limit=1', tokens[i]);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { detail: string }).detail).toBe('token signing key is unknown');
    }
    for (const i of [2, 3]) expect((await capped.get('/admin/v1/audit?limit=1', tokens[i])).status).toBe(200);
    expect(capped.logs.some((l) => l.includes('withdrew retired signing keys early'))).toBe(true);
    const audit = await capped.sql.query(
      `SELECT details->'withdrawn' AS withdrawn FROM auth.audit_log
       WHERE action = 'signing_key.rotate' ORDER BY id`,
    );
    expect(audit.rows.map((r) => r.withdrawn)).toEqual([[], [], [kids[0]], [kids[1]]]);
  });

  it('refuses a cap below 2 and names the variable', () => {
    expect(() =>
      loadAuthConfig({
        DATABASE_URL: 'postgres://x@127.0.0.1/db',
        INTERNAL_TOKEN,
        SIGNING_KEYS_MAX_PUBLISHED: '1',
      }),
    ).toThrow(/SIGNING_KEYS_MAX_PUBLISHED/);
  });
});
