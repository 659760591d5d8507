import { createRemoteJWKSet, jwtVerify } from 'jose';
import { OAuthErrorResponse, OAuthTokenResponse } from '@sightline/contracts';
import type { AuthHarness } from './support/startAuthHarness';
import { startAuthHarness } from './support/startAuthHarness';

let h: AuthHarness;
let admin: string;
let client: { id: string; clientId: string; clientSecret: string };

beforeAll(async () => {
  h = await startAuthHarness();
  admin = await h.adminToken();
  const res = await h.post(
    '/admin/v1/tenants/acme/clients',
    { name: 'acme deploy bot', roles: ['developer', 'tenant_admin'] },
    { authorization: `Bearer ${admin}` },
  );
  expect(res.status).toBe(201);
  client = (await res.json()) as typeof client;
});

afterAll(async () => {
  await h?.close();
});

function token(
  form: Record<string, string> | string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${h.base}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: typeof form === 'string' ? form : new URLSearchParams(form).toString(),
  });
}

const basic = (id: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`,
});

async function expectOAuthError(res: Response, status: number, error: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('content-type')).toContain('application/json');
  expect(OAuthErrorResponse.parse(await res.json()).error).toBe(error);
}

describe('OAuth2 client credentials', () => {
  it('shows the client secret once at creation and never in the list', async () => {
    expect(client.clientId).toMatch(/^slc_[0-9a-f]{24}$/);
    expect(client.clientSecret).toMatch(/^slcs_/);
    const list = await h.get('/admin/v1/tenants/acme/clients', admin);
    const text = await list.text();
    expect(text).toContain(client.clientId);
    expect(text).not.toContain(client.clientSecret);
    const { rows } = await h.sql.query('SELECT secret_hash FROM auth.clients');
    expect(JSON.stringify(rows)).not.toContain(client.clientSecret);
  });

  it('issues a tenant-scoped token with the client roles to HTTP Basic authentication', async () => {
    const res = await token(
      { grant_type: 'client_credentials' },
      basic(client.clientId, client.clientSecret),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('pragma')).toBe('no-cache');
    const body = OAuthTokenResponse.parse(await res.json());
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'developer tenant_admin' });
    const jwks = createRemoteJWKSet(new URL(`${h.base}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(body.access_token, jwks, {
      issuer: 'sightline-auth',
      audience: 'sightline',
    });
    expect(payload).toMatchObject({
      sub: client.clientId,
      client_id: client.clientId,
      tenant: 'acme',
      roles: ['developer', 'tenant_admin'],
    });
    expect(payload.email).toBeUndefined();
  });

  it('accepts client_id and client_secret in the body and narrows the token to a requested scope', async () => {
    const res = await token({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      scope: 'developer',
    });
    expect(res.status).toBe(200);
    const body = OAuthTokenResponse.parse(await res.json());
    expect(body.scope).toBe('developer');
  });

  it('lets a client token with tenant_admin manage its own tenant only', async () => {
    const res = await token(
      { grant_type: 'client_credentials' },
      basic(client.clientId, client.clientSecret),
    );
    const { access_token } = OAuthTokenResponse.parse(await res.json());
    expect((await h.get('/admin/v1/tenants/acme/api-keys', access_token)).status).toBe(200);
    expect((await h.get('/admin/v1/tenants/globex/api-keys', access_token)).status).toBe(403);
  });

  it('answers a wrong secret with 401 invalid_client, WWW-Authenticate, and an audit entry', async () => {
    const res = await token({ grant_type: 'client_credentials' }, basic(client.clientId, 'slcs_wrong'));
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="sightline"/);
    await expectOAuthError(res, 401, 'invalid_client');
    const { rows } = await h.sql.query(
      `SELECT actor_id, result, reason FROM auth.audit_log WHERE action = 'oauth.token' AND result = 'failure'`,
    );
    expect(rows).toContainEqual({ actor_id: client.clientId, result: 'failure', reason: 'invalid_client' });
    expect(JSON.stringify(rows)).not.toContain('slcs_wrong');
  });

  it.each([
    ['an unknown client', { grant_type: 'client_credentials', client_id: 'slc_nobody', client_secret: 'x' }],
    ['no client authentication at all', { grant_type: 'client_credentials' }],
  ])('answers %s with 401 invalid_client', async (_name, form) => {
    await expectOAuthError(await token(form), 401, 'invalid_client');
  });

  it.each([
    ['a password grant', 'password'],
    ['an authorization_code grant', 'authorization_code'],
    ['a refresh_token grant', 'refresh_token'],
  ])('answers %s with 400 unsupported_grant_type', async (_name, grant) => {
    const res = await token({ grant_type: grant }, basic(client.clientId, client.clientSecret));
    await expectOAuthError(res, 400, 'unsupported_grant_type');
  });

  it.each([
    ['a missing grant_type', 'client_id=a&client_secret=b'],
    ['a repeated grant_type', 'grant_type=client_credentials&grant_type=client_credentials'],
    ['an empty body', ''],
  ])('answers %s with 400 invalid_request', async (_name, form) => {
    await expectOAuthError(
      await token(form, basic(client.clientId, client.clientSecret)),
      400,
      'invalid_request',
    );
  });

  it('refuses two client authentication methods at once with 400 invalid_request', async () => {
    const res = await token(
      { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret },
      basic(client.clientId, client.clientSecret),
    );
    await expectOAuthError(res, 400, 'invalid_request');
  });

  it.each([
    ['a role the client does not hold', 'super_admin'],
    ['an unknown scope', 'developer write:everything'],
    ['an empty scope', ''],
  ])('answers a scope with %s with 400 invalid_scope', async (_name, scope) => {
    const res = await token(
      { grant_type: 'client_credentials', scope },
      basic(client.clientId, client.clientSecret),
    );
    await expectOAuthError(res, 400, 'invalid_scope');
  });

  it('answers a JSON body with 400 invalid_request, an oversized body with 413, and GET with 405', async () => {
    const json = await fetch(`${h.base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...basic(client.clientId, client.clientSecret) },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    await expectOAuthError(json, 400, 'invalid_request');
    const big = await token(`grant_type=client_credentials&pad=${'a'.repeat(10_000)}`);
    await expectOAuthError(big, 413, 'invalid_request');
    const get = await fetch(`${h.base}/oauth/token`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('answers malformed Basic credentials with 401 invalid_client', async () => {
    for (const authorization of [
      'Basic !!!',
      `Basic ${Buffer.from('no-colon').toString('base64')}`,
      'Basic JTZ6Og==',
    ]) {
      await expectOAuthError(
        await token({ grant_type: 'client_credentials' }, { authorization }),
        401,
        'invalid_client',
      );
    }
  });

  // Found by the fuzz drill: a NUL in client_id reached the database (and the audit row of the failure) as a 500.
  it.each([
    ['a NUL in client_id', { client_id: 'a\u0000b', client_secret: 'x' }],
    ['a NUL in client_secret', { client_id: 'slc_x', client_secret: 'a\u0000b' }],
    ['a client_id outside printable ASCII', { client_id: 'slc_é', client_secret: 'x' }],
  ])('answers %s with 401 invalid_client', async (_name, credentials) => {
    const res = await token({ grant_type: 'client_credentials', ...credentials });
    await expectOAuthError(res, 401, 'invalid_client');
  });

  it('stops issuing tokens to a revoked client, and refuses its unexpired tokens on admin routes', async () => {
    const created = await h.post(
      '/admin/v1/tenants/acme/clients',
      { name: 'short-lived', roles: ['tenant_admin'] },
      { authorization: `Bearer ${admin}` },
    );
    const c = (await created.json()) as typeof client;
    const issued = OAuthTokenResponse.parse(
      await (await token({ grant_type: 'client_credentials' }, basic(c.clientId, c.clientSecret))).json(),
    );
    expect((await h.del(`/admin/v1/tenants/acme/clients/${c.id}`, admin)).status).toBe(204);
    expect((await h.del(`/admin/v1/tenants/acme/clients/${c.id}`, admin)).status).toBe(404);
    await expectOAuthError(
      await token({ grant_type: 'client_credentials' }, basic(c.clientId, c.clientSecret)),
      401,
      'invalid_client',
    );
    expect((await h.get('/admin/v1/tenants/acme/api-keys', issued.access_token)).status).toBe(401);
  });

  it.each([
    ['super_admin in its roles', { name: 'x', roles: ['super_admin'] }],
    ['no roles', { name: 'x', roles: [] }],
    ['an unknown role', { name: 'x', roles: ['root'] }],
    ['an empty name', { name: ' ', roles: ['viewer'] }],
    ['an extra field', { name: 'x', roles: ['viewer'], tenantId: 'globex' }],
  ])('refuses to create a client with %s (400)', async (_name, body) => {
    const res = await h.post('/admin/v1/tenants/acme/clients', body, { authorization: `Bearer ${admin}` });
    expect(res.status).toBe(400);
  });
});
