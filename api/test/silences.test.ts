import { expectProblem, requestApi } from './support/requestApi';
import { startApiWithStubs } from './support/startApiWithStubs';
import type { ApiFixture } from './support/startApiWithStubs';

let f: ApiFixture;
const call = requestApi(() => f.base);
let sre: string;
let acmeAdmin: string;
let acmeDeveloper: string;

const window = { kind: 'once', startsAt: '2026-03-01T22:00:00Z', endsAt: '2026-03-01T23:00:00Z' };

beforeAll(async () => {
  f = await startApiWithStubs();
  sre = await f.issuer.sign({ tenant: null, roles: ['sre'], sub: 'sre-ops' });
  acmeAdmin = await f.issuer.sign({ tenant: 'acme', roles: ['tenant_admin'], sub: 'ada@acme.test' });
  acmeDeveloper = await f.issuer.sign({ tenant: 'acme', roles: ['developer'], sub: 'dev-1' });
});

afterAll(async () => {
  await f?.close();
});

beforeEach(async () => {
  f.alerting.engine.reset();
  for (const [id, tenant] of [
    ['acme-db', 'acme'],
    ['globex-db', 'globex'],
  ] as const)
    expect(
      (await call('POST', '/v1/silences', sre, { id, tenant, comment: 'db upgrade', window })).status,
    ).toBe(201);
  f.alerting.engine.requests.length = 0;
});

type Silence = { id: string; tenant: string | null; createdBy: string; comment: string; status: string };

describe('POST /v1/silences', () => {
  it("creates a tenant_admin's silence in its own tenant, as the token subject, and says where it lives", async () => {
    const res = await call('POST', '/v1/silences', acmeAdmin, {
      id: 'acme-deploy',
      kind: 'maintenance',
      service: 'checkout',
      comment: 'deploy',
      window,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/v1/silences/acme-deploy');
    expect((await res.json()) as Silence).toMatchObject({
      id: 'acme-deploy',
      tenant: 'acme',
      createdBy: 'ada@acme.test',
      status: 'active',
    });
    expect(f.alerting.engine.lastRequest()).toMatchObject({
      method: 'POST',
      path: '/internal/v1/silences',
      actor: 'ada@acme.test',
      tenant: 'acme',
      body: { id: 'acme-deploy', kind: 'maintenance', service: 'checkout', comment: 'deploy', window },
    });
  });

  it('refuses a tenant_admin of acme a silence for globex with 403, without asking alerting', async () => {
    const body = await expectProblem(
      await call('POST', '/v1/silences', acmeAdmin, { tenant: 'globex', comment: 'mute them', window }),
      403,
    );
    expect(body.detail).toBe('this token may only see tenant acme');
    expect(f.alerting.engine.requests).toHaveLength(0);
  });

  it('lets a platform sre silence any tenant, with no tenant header', async () => {
    const res = await call('POST', '/v1/silences', sre, { tenant: 'globex', comment: 'migration', window });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Silence).tenant).toBe('globex');
    expect(f.alerting.engine.lastRequest()).toMatchObject({ actor: 'sre-ops', tenant: undefined });
  });

  it("passes on alerting's 400 and its reason for a silence that would mute every alert", async () => {
    const body = await expectProblem(
      await call('POST', '/v1/silences', sre, { comment: 'all', window }),
      400,
    );
    expect(body.detail).toBe(
      'matchers: a silence needs at least one matcher, tenant or service; it would otherwise mute every alert',
    );
    expect(f.alerting.engine.requests).toHaveLength(1);
  });

  it("passes on alerting's 409 for an id that is taken", async () => {
    const res = await call('POST', '/v1/silences', sre, {
      id: 'acme-db',
      tenant: 'acme',
      comment: 'x',
      window,
    });
    expect((await expectProblem(res, 409)).detail).toBe('silences acme-db already exists');
  });

  it.each([
    ['malformed JSON', 400, '{"comment":', 'application/json'],
    [
      'an unknown field',
      400,
      JSON.stringify({ tenant: 'acme', comment: 'x', window, until: 'later' }),
      'application/json',
    ],
    ['no window', 400, JSON.stringify({ tenant: 'acme', comment: 'x' }), 'application/json'],
    ['an empty comment', 400, JSON.stringify({ tenant: 'acme', comment: '', window }), 'application/json'],
    [
      'a malformed matcher',
      400,
      JSON.stringify({ matchers: [{ name: 'a', type: '==', value: 'b' }], comment: 'x', window }),
      'application/json',
    ],
    ['a JSON array', 400, '[]', 'application/json'],
    [
      'a body over 64 kB',
      413,
      JSON.stringify({ tenant: 'acme', comment: 'x'.repeat(70_000), window }),
      'application/json',
    ],
    ['a form body', 415, 'comment=x', 'application/x-www-form-urlencoded'],
  ])('refuses %s with %i before calling alerting', async (_name, status, body, type) => {
    await expectProblem(
      await call('POST', '/v1/silences', acmeAdmin, body, { 'content-type': type }),
      status,
    );
    expect(f.alerting.engine.requests).toHaveLength(0);
  });
});

describe('GET /v1/silences', () => {
  it("lists a tenant developer's own tenant's silences only, sending X-Sightline-Tenant", async () => {
    const res = await call('GET', '/v1/silences', acmeDeveloper);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { silences: Silence[] }).silences.map((s) => s.id)).toEqual(['acme-db']);
    expect(f.alerting.engine.lastRequest()).toMatchObject({ tenant: 'acme', actor: 'dev-1' });
  });

  it("drops another tenant's silences even when alerting ignores the tenant header", async () => {
    f.alerting.engine.ignoreTenantHeader = true;
    const { silences } = (await (await call('GET', '/v1/silences', acmeDeveloper)).json()) as {
      silences: Silence[];
    };
    expect(silences.map((s) => s.tenant)).toEqual(['acme']);
  });

  it("lists every tenant's silences for a platform sre", async () => {
    const { silences } = (await (await call('GET', '/v1/silences', sre)).json()) as { silences: Silence[] };
    expect(silences.map((s) => s.id)).toEqual(['acme-db', 'globex-db']);
  });

  it('refuses query parameters, which alerting does not take, with 400', async () => {
    await expectProblem(await call('GET', '/v1/silences?tenant=acme', sre), 400);
  });
});

describe('one silence', () => {
  it('answers 404 to a tenant_admin of acme that reads, replaces or expires a globex silence, and 403 to one that names globex', async () => {
    const body = { tenant: 'globex', comment: 'mine now', window };
    await expectProblem(await call('GET', '/v1/silences/globex-db', acmeAdmin), 404);
    await expectProblem(
      await call('PUT', '/v1/silences/globex-db', acmeAdmin, { comment: 'mine now', service: 'x', window }),
      404,
    );
    await expectProblem(await call('DELETE', '/v1/silences/globex-db', acmeAdmin), 404);
    await expectProblem(await call('PUT', '/v1/silences/globex-db', acmeAdmin, body), 403);
    expect(f.alerting.engine.requests.map((r) => r.tenant)).toEqual(['acme', 'acme', 'acme']);
    expect(f.alerting.engine.resources.silences.get('globex-db')).toMatchObject({
      comment: 'db upgrade',
      status: 'active',
    });
  });

  it('replaces a silence and returns it as it now is', async () => {
    const res = await call('PUT', '/v1/silences/acme-db', acmeAdmin, {
      tenant: 'acme',
      comment: 'longer',
      window,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Silence).comment).toBe('longer');
    expect(f.alerting.engine.lastRequest()).toMatchObject({
      method: 'PUT',
      path: '/internal/v1/silences/acme-db',
    });
  });

  it('refuses a replacement whose id differs from the path with 400', async () => {
    const res = await call('PUT', '/v1/silences/acme-db', sre, {
      id: 'other',
      tenant: 'acme',
      comment: 'x',
      window,
    });
    expect((await expectProblem(res, 400)).detail).toBe('id: must equal the id in the path');
  });

  it('expires a silence on DELETE with 204, and alerting keeps it as expired', async () => {
    const res = await call('DELETE', '/v1/silences/acme-db', acmeAdmin);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    const after = (await (await call('GET', '/v1/silences/acme-db', acmeAdmin)).json()) as Silence;
    expect(after.status).toBe('expired');
  });

  it.each(['UPPER', 'a%2Fb', `${'a'.repeat(64)}`, '-dash'])('refuses the id %s with 400', async (id) => {
    await expectProblem(await call('GET', `/v1/silences/${id}`, sre), 400);
    expect(f.alerting.engine.requests).toHaveLength(0);
  });

  it('answers 502 when alerting sends a silence outside its contract', async () => {
    f.alerting.brokenBody = true;
    try {
      await expectProblem(await call('GET', '/v1/silences/acme-db', sre), 502);
    } finally {
      f.alerting.brokenBody = false;
    }
  });
});
