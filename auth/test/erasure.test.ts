import { INTERNAL_TOKEN, startAuthHarness } from './support/startAuthHarness';
import type { AuthHarness } from './support/startAuthHarness';

let h: AuthHarness;

const erase = (tenant: string, body: unknown = { requestedBy: 'super-admin-1' }, token = INTERNAL_TOKEN) =>
  h.post(`/internal/v1/erasure/tenants/${tenant}`, body, { authorization: `Bearer ${token}` });

beforeAll(async () => {
  h = await startAuthHarness();
  await h.createUser({
    email: 'ana@acme.test',
    password: 'ana password 123',
    tenantId: 'acme',
    roles: ['sre'],
  });
  await h.createUser({
    email: 'bo@acme.test',
    password: 'bo password 1234',
    tenantId: 'acme',
    roles: ['viewer'],
  });
  await h.createUser({
    email: 'cy@globex.test',
    password: 'cy password 123',
    tenantId: 'globex',
    roles: ['sre'],
  });
  await h.login('ana@acme.test', 'ana password 123');
  await h.login('cy@globex.test', 'cy password 123');
  // A failed login leaves the address in the audit log and in the lockout table.
  const failed = await h.post('/v1/auth/login', { email: 'bo@acme.test', password: 'wrong password 1' });
  expect(failed.status).toBe(401);
});

afterAll(async () => {
  await h?.close();
});

async function auditText(where: string): Promise<string> {
  const { rows } = await h.sql.query(`SELECT actor_email, ip, details FROM auth.audit_log WHERE ${where}`);
  return JSON.stringify(rows);
}

describe("auth's part of a tenant's right to erasure", () => {
  it('refuses callers without the internal token and bodies that are not a request', async () => {
    expect((await erase('acme', { requestedBy: 'x' }, 'not-the-token-000000')).status).toBe(401);
    expect((await erase('acme', { requestedBy: '' })).status).toBe(400);
    expect((await erase('acme', { requestedBy: 'x', extra: 1 })).status).toBe(400);
    expect((await erase('Not A Tenant')).status).toBe(400);
    expect((await erase('acme', '{"requestedBy":')).status).toBe(400);
    const text = await h.post('/internal/v1/erasure/tenants/acme', 'requestedBy=x', {
      authorization: `Bearer ${INTERNAL_TOKEN}`,
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(415);
    const { rows } = await h.sql.query(`SELECT count(*)::int AS n FROM auth.users WHERE tenant_id = 'acme'`);
    expect(rows[0].n).toBe(2);
  });

  it("deletes the tenant's users and sessions, redacts its audit events, and leaves other tenants alone", async () => {
    expect(await auditText(`tenant_id = 'acme' OR actor_email LIKE '%@acme.test'`)).toContain('@acme.test');
    const res = await erase('acme');
    expect(res.status).toBe(200);
    const receipt = (await res.json()) as {
      service: string;
      tenantId: string;
      counts: Record<string, number>;
    };
    expect(receipt).toMatchObject({ service: 'auth', tenantId: 'acme' });
    expect(receipt.counts.users).toBe(2);
    expect(receipt.counts.refresh_tokens).toBe(1);
    expect(receipt.counts.login_throttle).toBe(1);
    expect(receipt.counts.audit_log_redacted).toBeGreaterThanOrEqual(4);

    const { rows: users } = await h.sql.query(`SELECT tenant_id FROM auth.users WHERE tenant_id IS NOT NULL`);
    expect(users.map((u: { tenant_id: string }) => u.tenant_id)).not.toContain('acme');
    expect(users.map((u: { tenant_id: string }) => u.tenant_id)).toContain('globex');
    const everything = await auditText('true');
    expect(everything).not.toContain('@acme.test');
    expect(everything).toContain('cy@globex.test');
    // The events themselves stay: who (by id), what, when and the result.
    const { rows: kept } = await h.sql.query(
      `SELECT action, result FROM auth.audit_log WHERE tenant_id = 'acme' ORDER BY id`,
    );
    expect(kept.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(['user.create', 'auth.login', 'tenant.personal_data_erase']),
    );
    const login = await h.post('/v1/auth/login', { email: 'ana@acme.test', password: 'ana password 123' });
    expect(login.status).toBe(401);
    expect(h.logs.join('\n')).not.toContain('ana@acme.test');
  });

  it('records who asked, with counts and no erased value, and erases nothing more when run again', async () => {
    const again = await erase('acme', { requestedBy: 'super-admin-2' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { counts: Record<string, number> }).counts).toMatchObject({
      users: 0,
      refresh_tokens: 0,
      login_throttle: 0,
    });
    const { rows } = await h.sql.query(
      `SELECT actor_id, details FROM auth.audit_log WHERE action = 'tenant.personal_data_erase' ORDER BY id`,
    );
    expect(rows.map((r: { actor_id: string }) => r.actor_id)).toEqual(['super-admin-1', 'super-admin-2']);
    expect(rows[0].details).toMatchObject({ users: 2, refresh_tokens: 1, login_throttle: 1 });
  });

  it('keeps the audit log append-only outside an erasure', async () => {
    await expect(h.sql.query(`UPDATE auth.audit_log SET actor_email = NULL`)).rejects.toThrow(/append-only/);
    await expect(h.sql.query(`DELETE FROM auth.audit_log`)).rejects.toThrow(/append-only/);
    // Even inside a redaction, only the e-mail, the IP and the details may change.
    await h.sql.query('BEGIN');
    try {
      await h.sql.query(`SET LOCAL sightline.audit_redaction = 'on'`);
      await expect(
        h.sql.query(`UPDATE auth.audit_log SET actor_email = NULL, ip = NULL, result = 'failure'`),
      ).rejects.toThrow(/append-only/);
    } finally {
      await h.sql.query('ROLLBACK');
    }
  });
});
