import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAuth } from '../src/startAuth';
import type { AuthHarness } from './support/startAuthHarness';
import { ADMIN_EMAIL, startAuthHarness } from './support/startAuthHarness';

let h: AuthHarness;
let admin: string;
let acmeAdmin: string;
let globexAdmin: string;

interface AuditPage {
  events: {
    id: number;
    action: string;
    tenantId: string | null;
    ip: string | null;
    actor: { email: string | null };
  }[];
  next: number | null;
}

beforeAll(async () => {
  h = await startAuthHarness();
  admin = await h.adminToken();
  await h.createUser({
    email: 'ta@acme.test',
    password: 'acme admin pw 12',
    tenantId: 'acme',
    roles: ['tenant_admin'],
  });
  await h.createUser({
    email: 'ta@globex.test',
    password: 'globex admin pw 1',
    tenantId: 'globex',
    roles: ['tenant_admin'],
  });
  acmeAdmin = (await h.login('ta@acme.test', 'acme admin pw 12')).accessToken;
  globexAdmin = (await h.login('ta@globex.test', 'globex admin pw 1')).accessToken;
});

afterAll(async () => {
  await h?.close();
});

const createAs = (token: string, body: unknown) =>
  h.post('/admin/v1/users', body, { authorization: `Bearer ${token}` });

describe('user administration', () => {
  it('lets a tenant_admin create a user in its own tenant, who can then log in', async () => {
    const res = await createAs(acmeAdmin, {
      email: 'Dev@Acme.test',
      password: 'developer pw 123',
      tenantId: 'acme',
      roles: ['developer', 'viewer'],
    });
    expect(res.status).toBe(201);
    const user = (await res.json()) as Record<string, unknown>;
    expect(user).toMatchObject({ email: 'dev@acme.test', tenantId: 'acme', roles: ['developer', 'viewer'] });
    expect(JSON.stringify(user)).not.toContain('scrypt');
    const session = await h.login('dev@acme.test', 'developer pw 123');
    expect(session.user).toMatchObject({ tenantId: 'acme', roles: ['developer', 'viewer'] });
  });

  it.each([
    ['a user of another tenant', { tenantId: 'globex', roles: ['viewer'] }],
    ['a platform user', { tenantId: null, roles: ['sre'] }],
    ['a super_admin', { tenantId: null, roles: ['super_admin'] }],
  ])('forbids a tenant_admin to create %s (403)', async (_name, extra) => {
    const res = await createAs(acmeAdmin, { email: 'x@evil.test', password: 'some password 1', ...extra });
    expect(res.status).toBe(403);
  });

  it.each([
    ['super_admin bound to a tenant', { tenantId: 'acme', roles: ['super_admin'] }],
    ['tenant_admin without a tenant', { tenantId: null, roles: ['tenant_admin'] }],
    ['repeated roles', { tenantId: 'acme', roles: ['viewer', 'viewer'] }],
    ['a short password', { tenantId: 'acme', roles: ['viewer'], password: 'short' }],
    ['a bad tenant id', { tenantId: 'Acme Corp', roles: ['viewer'] }],
  ])('refuses a user with %s (400)', async (_name, extra) => {
    const res = await createAs(admin, { email: 'y@acme.test', password: 'some password 1', ...extra });
    expect(res.status).toBe(400);
  });

  it('answers a second user with the same email with 409', async () => {
    const body = {
      email: 'twice@acme.test',
      password: 'some password 1',
      tenantId: 'acme',
      roles: ['viewer'],
    };
    expect((await createAs(admin, body)).status).toBe(201);
    expect((await createAs(admin, { ...body, email: 'TWICE@acme.test' })).status).toBe(409);
  });

  it('lists only its own tenant to a tenant_admin, and 403 for another tenant', async () => {
    const res = await h.get('/admin/v1/users', acmeAdmin);
    const { users } = (await res.json()) as { users: { email: string; tenantId: string }[] };
    expect(users.length).toBeGreaterThan(1);
    expect(new Set(users.map((u) => u.tenantId))).toEqual(new Set(['acme']));
    expect((await h.get('/admin/v1/users?tenant=globex', acmeAdmin)).status).toBe(403);
    const all = (await (await h.get('/admin/v1/users', admin)).json()) as { users: { email: string }[] };
    expect(all.users.map((u) => u.email)).toEqual(expect.arrayContaining([ADMIN_EMAIL, 'ta@globex.test']));
  });

  it('disables a user: login and refresh stop working; to a tenant_admin another tenant’s user does not exist', async () => {
    const id = await h.createUser({
      email: 'leaving@globex.test',
      password: 'leaving pw 1234',
      tenantId: 'globex',
      roles: ['viewer'],
    });
    const session = await h.login('leaving@globex.test', 'leaving pw 1234');
    expect((await h.del(`/admin/v1/users/${id}`, acmeAdmin)).status).toBe(404);
    expect((await h.del(`/admin/v1/users/${id}`, globexAdmin)).status).toBe(204);
    expect(
      (await h.post('/v1/auth/login', { email: 'leaving@globex.test', password: 'leaving pw 1234' })).status,
    ).toBe(401);
    expect((await h.post('/v1/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    const { rows } = await h.sql
      .query(`SELECT reason FROM auth.audit_log WHERE actor_email = 'leaving@globex.test'
      AND action = 'auth.login' AND result = 'failure'`);
    expect(rows).toEqual([{ reason: 'disabled' }]);
  });

  it('refuses to let an admin disable itself', async () => {
    const me = (await h.login('ta@acme.test', 'acme admin pw 12')).user.id;
    expect((await h.del(`/admin/v1/users/${me}`, acmeAdmin)).status).toBe(400);
  });
});

describe('audit log', () => {
  it('shows a super_admin every event and a tenant_admin only its own tenant, 403 for another', async () => {
    const all = (await (await h.get('/admin/v1/audit?limit=500', admin)).json()) as AuditPage;
    expect(new Set(all.events.map((e) => e.tenantId))).toEqual(new Set([null, 'acme', 'globex']));
    const acme = (await (await h.get('/admin/v1/audit?limit=500', acmeAdmin)).json()) as AuditPage;
    expect(acme.events.length).toBeGreaterThan(0);
    expect(new Set(acme.events.map((e) => e.tenantId))).toEqual(new Set(['acme']));
    expect((await h.get('/admin/v1/audit?tenant=globex', acmeAdmin)).status).toBe(403);
  });

  it('filters by actor, action and time, and pages with a cursor without gaps or repeats', async () => {
    const logins = (await (
      await h.get(
        `/admin/v1/audit?action=auth.login&actor=${encodeURIComponent(ADMIN_EMAIL)}&limit=500`,
        admin,
      )
    ).json()) as AuditPage;
    expect(logins.events.length).toBeGreaterThan(0);
    expect(logins.events.every((e) => e.action === 'auth.login' && e.actor.email === ADMIN_EMAIL)).toBe(true);

    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const page: AuditPage = (await (
        await h.get(`/admin/v1/audit?limit=3${cursor === null ? '' : `&cursor=${cursor}`}`, admin)
      ).json()) as AuditPage;
      seen.push(...page.events.map((e) => e.id));
      cursor = page.next;
    } while (cursor !== null);
    const { rows } = await h.sql.query('SELECT count(*)::int AS n FROM auth.audit_log');
    expect(seen).toHaveLength(rows[0].n);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));

    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = (await (
      await h.get(`/admin/v1/audit?since=${encodeURIComponent(future)}`, admin)
    ).json()) as AuditPage;
    expect(none).toEqual({ events: [], next: null });
    const past = (await (
      await h.get(`/admin/v1/audit?until=${encodeURIComponent(future)}&limit=1`, admin)
    ).json()) as AuditPage;
    expect(past.events).toHaveLength(1);
  });

  it.each([
    ['a cursor that is not a number', 'cursor=abc'],
    ['a limit of 0', 'limit=0'],
    ['a limit of 501', 'limit=501'],
    ['a since that is not a time', 'since=yesterday'],
    ['an unknown parameter', 'order=asc'],
    ['a repeated action', 'action=a&action=b'],
  ])('answers a query with %s with 400', async (_name, query) => {
    const res = await h.get(`/admin/v1/audit?${query}`, admin);
    expect(res.status).toBe(400);
  });

  it('is append-only: the database rejects UPDATE, DELETE and TRUNCATE', async () => {
    await expect(h.sql.query(`UPDATE auth.audit_log SET result = 'success'`)).rejects.toThrow(/append-only/);
    await expect(h.sql.query(`DELETE FROM auth.audit_log`)).rejects.toThrow(/append-only/);
    await expect(h.sql.query(`TRUNCATE auth.audit_log`)).rejects.toThrow(/append-only/);
    const { rows } = await h.sql.query('SELECT count(*)::int AS n FROM auth.audit_log');
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('records the client address and ignores X-Forwarded-For from an untrusted peer', async () => {
    await h.post(
      '/v1/auth/login',
      { email: 'spoof@acme.test', password: 'x' },
      { 'x-forwarded-for': '203.0.113.9' },
    );
    const { rows } = await h.sql.query(`SELECT ip FROM auth.audit_log WHERE actor_email = 'spoof@acme.test'`);
    expect(rows).toEqual([{ ip: '127.0.0.1' }]);
  });

  it('honours X-Forwarded-For from a proxy in TRUSTED_PROXY_CIDRS', async () => {
    const behindProxy = await startAuth({
      ...h.config,
      TRUSTED_PROXY_CIDRS: ['127.0.0.0/8'],
      LOG_LEVEL: 'silent',
    });
    try {
      await fetch(`http://127.0.0.1:${behindProxy.port}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1, 203.0.113.7' },
        body: JSON.stringify({ email: 'proxied@acme.test', password: 'x' }),
      });
    } finally {
      await behindProxy.close();
    }
    const { rows } = await h.sql.query(
      `SELECT ip FROM auth.audit_log WHERE actor_email = 'proxied@acme.test'`,
    );
    expect(rows).toEqual([{ ip: '203.0.113.7' }]);
  });
});

describe('metrics', () => {
  it('exposes auth counters that pass promtool check metrics', async () => {
    const text = await (await fetch(`${h.base}/metrics`)).text();
    for (const name of ['auth_logins_total', 'auth_tokens_issued_total', 'auth_refresh_reuse_total']) {
      expect(text).toContain(`# TYPE ${name} counter`);
    }
    if (!existsSync('/usr/bin/promtool')) return;
    const dir = mkdtempSync(join(tmpdir(), 'sl-auth-metrics-'));
    try {
      const file = join(dir, 'metrics.txt');
      writeFileSync(file, text);
      const out = execFileSync('sh', ['-c', `promtool check metrics < ${file} 2>&1; echo "exit=$?"`], {
        encoding: 'utf8',
      });
      expect(out.trim()).toBe('exit=0');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
