import { LoginResponse } from '@sightline/contracts';
import { decodeJwt } from 'jose';
import { SessionResponse } from '@sightline/contracts';
import { trace } from '@opentelemetry/api';
import pino from 'pino';
import { hashPassword } from '../src/passwords/hashPassword';
import { startAuth } from '../src/startAuth';
import type { AuthHarness } from './support/startAuthHarness';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startAuthHarness } from './support/startAuthHarness';

let h: AuthHarness;

beforeAll(async () => {
  h = await startAuthHarness({ LOGIN_LOCKOUT_THRESHOLD: 3, LOGIN_LOCKOUT_SECONDS: 120 });
});

afterAll(async () => {
  await h?.close();
});

const refresh = (refreshToken: unknown) => h.post('/v1/auth/refresh', { refreshToken });

describe('login and refresh', () => {
  it('returns the login shape plus an opaque refresh token and its lifetime', async () => {
    const res = await h.post('/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    const body = SessionResponse.parse(await res.json());
    expect(LoginResponse.safeParse(body).success).toBe(true);
    expect(body.refreshToken).toMatch(/^slr_[A-Za-z0-9_-]{43}$/);
    expect(body.refreshExpiresIn).toBe(7 * 86_400);
    const claims = decodeJwt(body.accessToken);
    expect(typeof claims.jti).toBe('string');
    expect(claims).toMatchObject({
      sub: body.user.id,
      tenant: null,
      roles: ['super_admin'],
      aud: 'sightline',
    });
    const { rows } = await h.sql.query('SELECT token_hash FROM auth.refresh_tokens');
    expect(JSON.stringify(rows)).not.toContain(body.refreshToken);
  });

  it('gives every access token its own jti', async () => {
    const a = decodeJwt(await h.adminToken());
    const b = decodeJwt(await h.adminToken());
    expect(a.jti).not.toBe(b.jti);
  });

  it('rotates a refresh token: the new pair works and the old token is marked used', async () => {
    const session = await h.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const res = await refresh(session.refreshToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const next = SessionResponse.parse(await res.json());
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.user.email).toBe(ADMIN_EMAIL);
    expect(decodeJwt(next.accessToken).sub).toBe(session.user.id);
    const again = await refresh(next.refreshToken);
    expect(again.status).toBe(200);
  });

  it('revokes the whole family when a used refresh token is presented again, and audits it', async () => {
    const session = await h.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const first = SessionResponse.parse(await (await refresh(session.refreshToken)).json());
    const reuse = await refresh(session.refreshToken);
    expect(reuse.status).toBe(401);
    expect(((await reuse.json()) as { detail: string }).detail).toBe(
      'refresh token is invalid, expired or revoked',
    );
    // The successor the thief or the user holds is now dead too.
    expect((await refresh(first.refreshToken)).status).toBe(401);
    const audit = await h.sql.query(
      `SELECT actor_id, result FROM auth.audit_log WHERE action = 'auth.refresh.reuse' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toEqual({ actor_id: session.user.id, result: 'failure' });
    const metrics = await (await fetch(`${h.base}/metrics`)).text();
    expect(metrics).toMatch(/^auth_refresh_reuse_total\{[^}]*\} [1-9]/m);
  });

  it('lets only one of two concurrent refreshes with the same token win, and then revokes the family', async () => {
    const session = await h.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const [a, b] = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
    const winner = SessionResponse.parse(await (a.status === 200 ? a : b).json());
    expect((await refresh(winner.refreshToken)).status).toBe(401);
  });

  it('refuses an expired refresh token', async () => {
    const session = await h.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    await h.sql.query(
      `UPDATE auth.refresh_tokens SET expires_at = now() - interval '1 second'
       WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
      [session.refreshToken],
    );
    expect((await refresh(session.refreshToken)).status).toBe(401);
  });

  it('logs out by revoking the family, answering 204 for known and unknown tokens alike', async () => {
    const session = await h.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const out = await h.post('/v1/auth/logout', { refreshToken: session.refreshToken });
    expect(out.status).toBe(204);
    expect((await refresh(session.refreshToken)).status).toBe(401);
    const unknown = await h.post('/v1/auth/logout', { refreshToken: 'slr_not-a-real-token' });
    expect(unknown.status).toBe(204);
  });

  it.each([
    ['malformed JSON', 400, '{"refreshToken": '],
    ['a missing refreshToken', 400, {}],
    ['a refreshToken that is not a string', 400, { refreshToken: 42 }],
    ['an unexpected field', 400, { refreshToken: 'slr_x', admin: true }],
    ['a refreshToken longer than 512 characters', 400, { refreshToken: 'r'.repeat(513) }],
    ['a body over 16 kB', 413, { refreshToken: 'x'.repeat(20_000) }],
  ])('rejects a refresh with %s with a %i problem', async (_name, status, body) => {
    const res = await h.post('/v1/auth/refresh', body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('rejects a refresh sent as text/plain with 415', async () => {
    const res = await h.post('/v1/auth/refresh', JSON.stringify({ refreshToken: 'x' }), {
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(415);
  });
});

describe('passwords', () => {
  it('upgrades a hash made with weaker scrypt parameters on the next successful login', async () => {
    const weak = await hashPassword('an old but fine password', { N: 1024, r: 8, p: 1, keyLength: 64 });
    await h.sql.query(
      `INSERT INTO auth.users (email, password_hash, tenant_id, roles) VALUES ('old@acme.test', $1, 'acme', '{viewer}')`,
      [weak],
    );
    await h.login('old@acme.test', 'an old but fine password');
    const { rows } = await h.sql.query(`SELECT password_hash FROM auth.users WHERE email = 'old@acme.test'`);
    expect(rows[0].password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    await h.login('old@acme.test', 'an old but fine password');
  });
});

describe('account lockout', () => {
  it('locks an account after 3 failures, answers 429 with Retry-After even for the right password, and audits it', async () => {
    const email = 'victim@acme.test';
    await h.createUser({ email, password: 'the right password 1', tenantId: 'acme', roles: ['viewer'] });
    for (let i = 0; i < 3; i++) {
      expect((await h.post('/v1/auth/login', { email, password: `wrong ${i}` })).status).toBe(401);
    }
    const locked = await h.post('/v1/auth/login', { email, password: 'the right password 1' });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(100);
    expect(retryAfter).toBeLessThanOrEqual(120);
    const audit = await h.sql.query(
      `SELECT action, result, reason FROM auth.audit_log WHERE actor_email = $1 ORDER BY id`,
      [email],
    );
    expect(audit.rows.map((r) => `${r.action}:${r.result}:${r.reason}`)).toEqual([
      'auth.login:failure:wrong_password',
      'auth.login:failure:wrong_password',
      'auth.login:failure:wrong_password',
      'auth.lockout:success:too many failed logins',
      'auth.login:failure:locked',
    ]);
    // Once the lock has run out, the right password works again.
    await h.sql.query(
      `UPDATE auth.login_throttle SET locked_until = now() - interval '1 second' WHERE email = $1`,
      [email],
    );
    expect((await h.post('/v1/auth/login', { email, password: 'the right password 1' })).status).toBe(200);
  });

  it('locks an unknown email the same way, so a lock does not reveal which emails exist', async () => {
    for (let i = 0; i < 3; i++)
      await h.post('/v1/auth/login', { email: 'ghost@nowhere.test', password: 'x' });
    const res = await h.post('/v1/auth/login', { email: 'ghost@nowhere.test', password: 'x' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).not.toBeNull();
  });

  it('never writes a password into the audit log or the logs', async () => {
    await h.post('/v1/auth/login', { email: ADMIN_EMAIL, password: 'a-very-distinctive-wrong-password' });
    const { rows } = await h.sql.query(`SELECT * FROM auth.audit_log`);
    expect(JSON.stringify(rows)).not.toContain('a-very-distinctive-wrong-password');
    expect(JSON.stringify(rows)).not.toContain(ADMIN_PASSWORD);
    expect(h.logs.join('\n')).not.toContain('a-very-distinctive-wrong-password');
  });

  it("logs a lockout and a reused refresh token with the client's network only; the audit log keeps the address", async () => {
    const lines: string[] = [];
    const behindProxy = await startAuth(
      { ...h.config, TRUSTED_PROXY_CIDRS: ['127.0.0.0/8'] },
      {
        logger: pino({ level: 'info' }, { write: (l: string) => lines.push(l) }),
        tracer: trace.getTracer('test'),
      },
    );
    const post = (path: string, body: unknown, ip: string) =>
      fetch(`http://127.0.0.1:${behindProxy.port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify(body),
      });
    try {
      for (let i = 0; i < 3; i++)
        await post('/v1/auth/login', { email: 'netonly@acme.test', password: 'x' }, '198.51.100.77');
      const session = SessionResponse.parse(
        await (
          await post('/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, '2001:db8:5:6::7')
        ).json(),
      );
      await post('/v1/auth/refresh', { refreshToken: session.refreshToken }, '2001:db8:5:6::7');
      expect(
        (await post('/v1/auth/refresh', { refreshToken: session.refreshToken }, '2001:db8:5:6::7')).status,
      ).toBe(401);
    } finally {
      await behindProxy.close();
    }
    const withNetwork = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => typeof l.network === 'string');
    expect(withNetwork.map((l) => [l.msg, l.network])).toEqual([
      ['login locked after repeated failures', '198.51.100.0/24'],
      ['refresh token reused; family revoked', '2001:db8:5::/48'],
    ]);
    expect(lines.join('\n')).not.toMatch(/198\.51\.100\.77|2001:db8:5:6::7/);
    const { rows } = await h.sql.query(
      `SELECT ip FROM auth.audit_log WHERE action = 'auth.lockout' AND actor_email = $1`,
      ['netonly@acme.test'],
    );
    expect(rows).toEqual([{ ip: '198.51.100.77' }]);
  });

  it('counts logins by result in auth_logins_total', async () => {
    const text = await (await fetch(`${h.base}/metrics`)).text();
    expect(text).toMatch(/^auth_logins_total\{[^}]*result="success"[^}]*\} [1-9]/m);
    expect(text).toMatch(/^auth_logins_total\{[^}]*result="failure"[^}]*\} [1-9]/m);
    expect(text).toMatch(/^auth_logins_total\{[^}]*result="locked"[^}]*\} [1-9]/m);
    expect(text).toMatch(/^auth_tokens_issued_total\{[^}]*grant="refresh_token"[^}]*\} [1-9]/m);
  });
});
