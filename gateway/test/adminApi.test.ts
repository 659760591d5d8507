import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import { adminCall } from './support/adminClient';
import { tamper } from '@sightline/testing';

let h: Harness;
const call = (method: string, path: string, body?: unknown, token?: string) =>
  adminCall(h.gateway.adminPort, token ?? h.adminToken, method, path, body);

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

interface AuditRow {
  id: string;
  actor: string;
  actor_email: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  client_ip: string;
  result: string;
}

const audit = async () => (await call('GET', '/admin/v1/audit?limit=500')).json<AuditRow[]>();

describe('the admin API’s access rules', () => {
  it('refuses every admin route without a token, or with a bad one, with 401 problem+json naming the reason', async () => {
    const none = await adminCall(h.gateway.adminPort, undefined, 'GET', '/admin/v1/tiers');
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.json()).toMatchObject({ detail: 'missing bearer token' });
    const expired = await h.issuer.sign({ tenant: null, roles: ['super_admin'], expiresInSeconds: -60 });
    expect((await call('GET', '/admin/v1/tiers', undefined, expired)).json()).toMatchObject({
      status: 401,
      detail: 'token expired',
    });
    const forged = tamper(h.adminToken, { sub: 'mallory' });
    expect((await call('GET', '/admin/v1/tiers', undefined, forged)).status).toBe(401);
    expect((await call('GET', '/admin/v1/tiers', undefined, h.issuer.unsigned({}))).json()).toMatchObject({
      status: 401,
      detail: 'token algorithm none is not accepted',
    });
  });

  it('answers 403 to any role but super_admin, and to a super_admin token bound to a tenant', async () => {
    for (const roles of [['sre'], ['tenant_admin'], ['viewer']] as const) {
      const token = await h.issuer.sign({ tenant: null, roles: [...roles] });
      const res = await call('GET', '/admin/v1/tenants', undefined, token);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const tenantAdmin = await h.issuer.sign({ tenant: 'acme', roles: ['tenant_admin'] });
    expect((await call('GET', '/admin/v1/tenants/globex', undefined, tenantAdmin)).status).toBe(403);
    expect(
      (await call('PUT', '/admin/v1/tenants/globex/shadow', { enabled: true }, tenantAdmin)).status,
    ).toBe(403);
    const boundSuper = await h.issuer.sign({ tenant: 'acme', roles: ['super_admin'] });
    expect((await call('GET', '/admin/v1/tenants/acme', undefined, boundSuper)).status).toBe(403);
    const { rows } = await h.sql.query(`select shadow_mode from gateway.tenants where id = 'globex'`);
    expect(rows[0].shadow_mode).toBe(false);
  });
});

describe('tenant administration', () => {
  it('creates a tenant with a tier, which the proxy knows within a second', async () => {
    const res = await call('POST', '/admin/v1/tenants', { id: 'umbrella', name: 'Umbrella', tier: 'pro' });
    expect(res.status).toBe(201);
    expect(res.json()).toMatchObject({ id: 'umbrella', tier: 'pro', timezone: 'UTC', shadow_mode: false });
    const started = Date.now();
    while (!h.gateway.config.get('umbrella') && Date.now() - started < 1_000)
      await new Promise((r) => setTimeout(r, 20));
    expect(h.gateway.config.get('umbrella')?.tenant.tier).toBe('pro');
    const limits = (await call('GET', '/admin/v1/tenants/umbrella/limits')).json<{
      classes: Record<string, unknown[]>;
    }>();
    expect(limits.classes.data).toContainEqual({
      policy: 'tenant-1s',
      type: 'tenant',
      limit: 50,
      windowSeconds: 1,
    });
  });

  it('refuses a duplicate tenant with 409 and audits the rejected attempt', async () => {
    const res = await call('POST', '/admin/v1/tenants', { id: 'umbrella', name: 'Again', tier: 'free' });
    expect(res.status).toBe(409);
    const rows = await audit();
    expect(
      rows.find(
        (r) => r.action === 'create' && r.entity === 'tenant' && r.result.startsWith('rejected: 409'),
      ),
    ).toBeDefined();
  });

  it('updates, overrides, shadows and deletes a tenant, auditing each change with who, before, after and from where', async () => {
    expect((await call('PATCH', '/admin/v1/tenants/umbrella', { tier: 'enterprise' })).json()).toMatchObject({
      tier: 'enterprise',
    });
    const ovr = await call('PUT', '/admin/v1/tenants/umbrella/override', {
      perSecond: 7,
      classLimits: { data: { perMinute: 99 } },
      reason: 'contract',
    });
    expect(ovr.status).toBe(200);
    expect(ovr.json()).toMatchObject({
      per_second: 7,
      per_minute: null,
      class_limits: { data: { perMinute: 99 } },
    });
    expect((await call('PUT', '/admin/v1/tenants/umbrella/shadow', { enabled: true })).json()).toEqual({
      id: 'umbrella',
      shadow_mode: true,
    });
    expect((await call('GET', '/admin/v1/tenants/umbrella')).json()).toMatchObject({
      tier: 'enterprise',
      shadow_mode: true,
      override: { per_second: 7 },
    });
    expect((await call('DELETE', '/admin/v1/tenants/umbrella/override')).status).toBe(204);
    expect((await call('DELETE', '/admin/v1/tenants/umbrella')).status).toBe(204);
    expect((await call('GET', '/admin/v1/tenants/umbrella')).status).toBe(404);

    const rows = (await audit()).filter((r) => r.entity_id === 'umbrella' && r.result === 'ok');
    expect(rows.map((r) => `${r.entity}:${r.action}`).reverse()).toEqual([
      'tenant:create',
      'tenant:update',
      'tenant_override:set-override',
      'tenant:set-shadow',
      'tenant_override:delete-override',
      'tenant:delete',
    ]);
    const update = rows.find((r) => r.action === 'update')!;
    expect(update).toMatchObject({
      actor: 'admin-1',
      actor_email: 'admin@sightline.dev',
      client_ip: '127.0.0.1',
      before: { tier: 'pro' },
      after: { tier: 'enterprise' },
    });
  });

  it('keeps the audit append-only: the database refuses to change or delete a row', async () => {
    await expect(h.sql.query(`update gateway.config_audit set actor = 'someone-else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(h.sql.query(`delete from gateway.config_audit`)).rejects.toThrow(/append-only/);
    await expect(h.sql.query(`truncate gateway.config_audit`)).rejects.toThrow(/append-only/);
  });
});

describe('tiers, adjustments, allowlists and IP limits', () => {
  it('changes a tier’s defaults, which tenants of that tier inherit', async () => {
    const res = await call('PUT', '/admin/v1/tiers/free', {
      perSecond: 12,
      perMinute: 360,
      classLimits: { data: { perSecond: 12, perMinute: 360 }, auth: { perMinute: 10 } },
    });
    expect(res.status).toBe(200);
    await h.gateway.config.reload();
    const limits = (await call('GET', '/admin/v1/tenants/initech/limits')).json<{
      classes: Record<string, { policy: string; limit: number }[]>;
    }>();
    expect(limits.classes.data!.find((p) => p.policy === 'tenant-60s')!.limit).toBe(360);
  });

  it('creates, lists and ends an emergency adjustment', async () => {
    const created = await call('POST', '/admin/v1/adjustments', {
      tenantId: 'initech',
      multiplier: 0.5,
      expiresInSeconds: 600,
      reason: 'INC-42 noisy neighbour',
    });
    expect(created.status).toBe(201);
    const row = created.json<{ id: string; expires_at: string; created_by: string }>();
    expect(row.created_by).toBe('admin@sightline.dev');
    expect(new Date(row.expires_at).getTime()).toBeGreaterThan(Date.now() + 590_000);
    expect((await call('GET', '/admin/v1/adjustments')).json<unknown[]>()).toHaveLength(1);
    expect((await call('DELETE', `/admin/v1/adjustments/${row.id}`)).status).toBe(204);
    expect((await call('GET', '/admin/v1/adjustments')).json<unknown[]>()).toHaveLength(0);
  });

  it('adds and removes allowlist entries, and sets IP limits', async () => {
    const cidr = await call('POST', '/admin/v1/allowlist', {
      kind: 'cidr',
      value: '10.1.0.0/16',
      reason: 'office',
    });
    expect(cidr.status).toBe(201);
    const ua = await call('POST', '/admin/v1/allowlist', { kind: 'user_agent', value: 'SightlineProbe/' });
    expect(ua.status).toBe(201);
    expect((await call('GET', '/admin/v1/allowlist')).json<unknown[]>()).toHaveLength(2);
    expect((await call('DELETE', `/admin/v1/allowlist/${cidr.json<{ id: string }>().id}`)).status).toBe(204);
    expect((await call('PUT', '/admin/v1/ip-limits/auth', { perSecond: 3, perMinute: 15 })).json()).toEqual({
      endpoint_class: 'auth',
      per_second: 3,
      per_minute: 15,
    });
  });
});

describe('the admin API under bad input', () => {
  it.each([
    ['POST', '/admin/v1/tenants', { id: 'Bad Id!', name: 'x', tier: 'free' }, 'id'],
    ['POST', '/admin/v1/tenants', { id: 'ok', name: 'x', tier: 'platinum' }, 'tier'],
    ['POST', '/admin/v1/tenants', { id: 'ok', name: 'x', tier: 'free', admin: true }, 'admin'],
    ['PUT', '/admin/v1/tiers/free', { perSecond: -1, perMinute: 10 }, 'perSecond'],
    ['PUT', '/admin/v1/tiers/gold', { perSecond: 1, perMinute: 10 }, 'tier'],
    ['PUT', '/admin/v1/tenants/acme/override', { perSecond: 'lots' }, 'perSecond'],
    [
      'PUT',
      '/admin/v1/tenants/acme/override',
      { classLimits: { 'BAD CLASS': { perSecond: 1 } } },
      'classLimits',
    ],
    ['PUT', '/admin/v1/tenants/acme/shadow', { enabled: 'yes' }, 'enabled'],
    [
      'POST',
      '/admin/v1/adjustments',
      { multiplier: 2, perSecond: 5, expiresInSeconds: 60, reason: 'x' },
      'multiplier',
    ],
    ['POST', '/admin/v1/adjustments', { multiplier: 2, reason: 'x' }, 'expiresInSeconds'],
    ['POST', '/admin/v1/adjustments', { multiplier: 2, expiresInSeconds: 60, reason: '' }, 'reason'],
    ['POST', '/admin/v1/allowlist', { kind: 'cidr', value: '10.0.0.0/99' }, 'value'],
    ['POST', '/admin/v1/allowlist', { kind: 'ip', value: '10.0.0.1' }, 'kind'],
    ['DELETE', '/admin/v1/allowlist/abc', undefined, 'id'],
    ['GET', '/admin/v1/audit?limit=100000', undefined, 'limit'],
    // Found by the fuzz drill: PostgreSQL refuses U+0000 in text (and a lone surrogate in jsonb); both were 500s.
    ['POST', '/admin/v1/tenants', { id: 'nul', name: 'x', tier: 'free', timezone: '\u0000' }, 'timezone'],
    ['POST', '/admin/v1/allowlist', { kind: 'user_agent', value: 'curl/', reason: 'a\u0000b' }, 'reason'],
    ['PATCH', '/admin/v1/tenants/acme', { name: 'x\udfff\ud800' }, 'name'],
  ])('answers %s %s with a 400 naming the field (%#)', async (method, path, body, field) => {
    const res = await call(method, path, body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(String(res.json().detail)).toMatch(new RegExp(`^${field}\\b|"${field}"`));
  });

  it('answers malformed JSON with 400 and an oversized body with 413, and keeps serving', async () => {
    const malformed = await call('POST', '/admin/v1/tenants', '{"id": "x", ');
    expect(malformed.status).toBe(400);
    expect(malformed.json()).toMatchObject({ detail: 'malformed JSON body' });
    const big = await call('POST', '/admin/v1/tenants', {
      id: 'big',
      name: 'x'.repeat(40_000),
      tier: 'free',
    });
    expect(big.status).toBe(413);
    expect((await call('GET', '/admin/v1/tiers')).status).toBe(200);
  });

  it('answers a body that is not JSON at all, or a JSON array, with 400', async () => {
    const text = await adminCall(h.gateway.adminPort, h.adminToken, 'POST', '/admin/v1/tenants', undefined, {
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(400);
    expect((await call('POST', '/admin/v1/tenants', '[1,2,3]')).status).toBe(400);
  });
});
