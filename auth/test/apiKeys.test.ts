import { createHash } from 'node:crypto';
import { ApiKeyRevocationsResponse } from '@sightline/contracts';
import type { AuthHarness } from './support/startAuthHarness';
import { INTERNAL_TOKEN, startAuthHarness } from './support/startAuthHarness';

let h: AuthHarness;
let admin: string;
let acmeAdmin: string;

beforeAll(async () => {
  h = await startAuthHarness();
  admin = await h.adminToken();
  await h.createUser({
    email: 'ta@acme.test',
    password: 'acme admin pw 12',
    tenantId: 'acme',
    roles: ['tenant_admin'],
  });
  acmeAdmin = (await h.login('ta@acme.test', 'acme admin pw 12')).accessToken;
});

afterAll(async () => {
  await h?.close();
});

const internal = { authorization: `Bearer ${INTERNAL_TOKEN}` };
const verify = async (key: string) =>
  (await (await h.post('/internal/v1/api-keys/verify', { key }, internal)).json()) as { valid: boolean };
const revocations = async (after?: string) => {
  const res = await fetch(
    `${h.base}/internal/v1/api-keys/revocations${after === undefined ? '' : `?after=${after}`}`,
    {
      headers: internal,
    },
  );
  return res;
};
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function createKey(tenant: string, token: string, name?: string) {
  const res = await h.post(`/admin/v1/tenants/${tenant}/api-keys`, name === undefined ? '' : { name }, {
    authorization: `Bearer ${token}`,
  });
  return res;
}

describe('tenant API keys', () => {
  it('creates a key that is shown once, verifies to its tenant, and is listed by prefix only', async () => {
    const res = await createKey('acme', acmeAdmin, 'ci pipeline');
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = (await res.json()) as { id: string; key: string; prefix: string; name: string };
    expect(created.key).toMatch(/^sl_live_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 16));
    expect(created.name).toBe('ci pipeline');
    expect(await verify(created.key)).toMatchObject({ valid: true, tenantId: 'acme', keyId: created.id });

    const list = await h.get('/admin/v1/tenants/acme/api-keys', acmeAdmin);
    const text = await list.text();
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(sha256(created.key));
    const { apiKeys } = JSON.parse(text) as { apiKeys: Record<string, unknown>[] };
    const listed = apiKeys.find((k) => k.id === created.id)!;
    expect(Object.keys(listed).sort()).toEqual(
      ['createdAt', 'createdBy', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'tenantId'].sort(),
    );
    expect(listed).toMatchObject({ prefix: created.prefix, createdBy: 'ta@acme.test', revokedAt: null });
    expect(typeof listed.lastUsedAt).toBe('string');
    expect(apiKeys.map((k) => k.tenantId)).toEqual(apiKeys.map(() => 'acme'));
  });

  it('revokes a key: verify fails, and the feed carries the sha256 of the raw key', async () => {
    const created = (await (await createKey('acme', admin)).json()) as { id: string; key: string };
    const before = ApiKeyRevocationsResponse.parse(await (await revocations()).json());
    const res = await h.del(`/admin/v1/tenants/acme/api-keys/${created.id}`, acmeAdmin);
    expect(res.status).toBe(204);
    expect(await verify(created.key)).toEqual({ valid: false });
    const page = ApiKeyRevocationsResponse.parse(await (await revocations(String(before.next))).json());
    expect(page.revocations).toHaveLength(1);
    expect(page.revocations[0]).toMatchObject({ keyHash: sha256(created.key) });
    expect(page.next).toBe(page.revocations[0]!.id);
    expect(Date.parse(page.revocations[0]!.revokedAt)).toBeGreaterThan(Date.now() - 60_000);
    const empty = ApiKeyRevocationsResponse.parse(await (await revocations(String(page.next))).json());
    expect(empty).toEqual({ revocations: [], next: page.next });
    expect((await h.del(`/admin/v1/tenants/acme/api-keys/${created.id}`, admin)).status).toBe(404);
    const audit = await h.sql.query(
      `SELECT actor_email, tenant_id FROM auth.audit_log WHERE action = 'api_key.revoke'`,
    );
    expect(audit.rows).toEqual([{ actor_email: 'ta@acme.test', tenant_id: 'acme' }]);
  });

  it('feeds revocations made directly in the database too, in id order, at most 1000 a page', async () => {
    const start = ApiKeyRevocationsResponse.parse(await (await revocations()).json()).next;
    await h.sql.query(
      `INSERT INTO auth.api_keys (tenant_id, prefix, key_hash, revoked_at)
       SELECT 'globex', 'sl_bulk_' || i, encode(sha256(('bulk-' || i)::bytea), 'hex'), now()
       FROM generate_series(1, 1005) AS i`,
    );
    const first = ApiKeyRevocationsResponse.parse(await (await revocations(String(start))).json());
    expect(first.revocations).toHaveLength(1000);
    const ids = first.revocations.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids[0]).toBeGreaterThan(start);
    const second = ApiKeyRevocationsResponse.parse(await (await revocations(String(first.next))).json());
    expect(second.revocations).toHaveLength(5);
    expect(second.revocations[4]!.keyHash).toBe(sha256('bulk-1005'));
  });

  it.each([
    ['a negative cursor', '-1'],
    ['a word', 'latest'],
    ['a fraction', '1.5'],
    ['a huge number', '9'.repeat(30)],
    ['an empty cursor', ''],
    ['a repeated cursor', '1&after=2'],
  ])('answers the feed with %s with 400', async (_name, after) => {
    const res = await revocations(after);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses the feed without the internal token', async () => {
    expect((await fetch(`${h.base}/internal/v1/api-keys/revocations`)).status).toBe(401);
    const withUserToken = await fetch(`${h.base}/internal/v1/api-keys/revocations`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(withUserToken.status).toBe(401);
  });

  it("forbids a tenant_admin to list, create or revoke another tenant's keys", async () => {
    const globexKey = (await (await createKey('globex', admin)).json()) as { id: string; key: string };
    expect((await h.get('/admin/v1/tenants/globex/api-keys', acmeAdmin)).status).toBe(403);
    expect((await createKey('globex', acmeAdmin)).status).toBe(403);
    expect((await h.del(`/admin/v1/tenants/globex/api-keys/${globexKey.id}`, acmeAdmin)).status).toBe(403);
    // Naming its own tenant in the path does not reach another tenant's key either.
    expect((await h.del(`/admin/v1/tenants/acme/api-keys/${globexKey.id}`, acmeAdmin)).status).toBe(404);
    expect(await verify(globexKey.key)).toMatchObject({ valid: true, tenantId: 'globex' });
  });

  it.each([
    ['a tenant id with capitals', '/admin/v1/tenants/ACME/api-keys'],
    ['a tenant id that is too long', `/admin/v1/tenants/${'a'.repeat(64)}/api-keys`],
  ])('answers %s with 400', async (_name, path) => {
    expect((await h.get(path, admin)).status).toBe(400);
  });

  it.each([
    ['an id that is not a UUID', 400, 'not-a-uuid'],
    ['an unknown UUID', 404, '00000000-0000-4000-8000-000000000000'],
  ])('answers a revoke of %s with %i', async (_name, status, id) => {
    expect((await h.del(`/admin/v1/tenants/acme/api-keys/${id}`, admin)).status).toBe(status);
  });

  it.each([
    ['malformed JSON', 400, '{"name":', 'application/json'],
    ['a name that is not a string', 400, JSON.stringify({ name: 7 }), 'application/json'],
    ['an unknown field', 400, JSON.stringify({ tenant: 'globex' }), 'application/json'],
    ['a form body', 415, 'name=x', 'application/x-www-form-urlencoded'],
    ['a body over 16 kB', 413, JSON.stringify({ name: 'n'.repeat(20_000) }), 'application/json'],
  ])('refuses to create a key from %s with %i', async (_name, status, body, type) => {
    const res = await h.post('/admin/v1/tenants/acme/api-keys', body, {
      'content-type': type,
      authorization: `Bearer ${admin}`,
    });
    expect(res.status).toBe(status);
  });
});
