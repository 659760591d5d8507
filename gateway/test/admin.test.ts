import type { Tenant } from '@sightline/contracts';
import type { Harness } from './support/startHarness';
import { INTERNAL_TOKEN, startHarness } from './support/startHarness';
import { send } from './support/send';
import { adminCall } from './support/adminClient';
import { waitFor } from '@sightline/testing';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ redis: true });
});

afterAll(async () => {
  await h.close();
});

describe('the gateway admin server', () => {
  it('lists the tenants, demo tenants included, to a caller with the internal token', async () => {
    const res = await send(h.gateway.adminPort, {
      path: '/internal/v1/tenants',
      headers: { authorization: `Bearer ${INTERNAL_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const tenants = res.json<Tenant[]>();
    expect(tenants.map((t) => t.id)).toEqual(['acme', 'globex', 'initech', 'tiny']);
    expect(tenants[0]).toEqual({
      id: 'acme',
      name: 'Acme Corp',
      tier: 'enterprise',
      timezone: 'America/New_York',
    });
  });

  it('refuses the tenant list with 401 problem+json without the token, with a wrong one, or with another scheme', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong-token-wrong-token',
      `Basic ${INTERNAL_TOKEN}`,
      `Bearer ${INTERNAL_TOKEN}x`,
      'Bearer ',
    ]) {
      const res = await send(h.gateway.adminPort, {
        path: '/internal/v1/tenants',
        headers: authorization ? { authorization } : {},
      });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).not.toContain(INTERNAL_TOKEN);
    }
  });

  it('serves the limits in force for a tenant, an override included, and 404 for an unknown one', async () => {
    const limits = async (id: string) =>
      send(h.gateway.adminPort, {
        path: `/internal/v1/tenants/${id}/limits`,
        headers: { authorization: `Bearer ${INTERNAL_TOKEN}` },
      });
    const before = (await limits('globex')).json<{ perSecond: number; perMinute: number; tier: string }>();
    expect(before).toMatchObject({ tenantId: 'globex', tier: 'pro', shadow: false });
    expect(before.perSecond).toBeGreaterThan(0);
    await adminCall(h.gateway.adminPort, h.adminToken, 'PUT', '/admin/v1/tenants/globex/override', {
      perSecond: 7,
    });
    await waitFor(
      async () => (await limits('globex')).json<{ perSecond: number }>().perSecond === 7,
      3000,
      20,
    );
    const after = (await limits('globex')).json<{ classes: { endpointClass: string }[] }>();
    expect(after.classes.map((c) => c.endpointClass)).toContain('data');
    expect((await limits('nobody')).status).toBe(404);
    expect((await limits('..%2F..')).status).toBe(404);
    expect((await send(h.gateway.adminPort, { path: '/internal/v1/tenants/globex/limits' })).status).toBe(
      401,
    );
  });

  it('serves /healthz, /readyz (Postgres and Redis reachable) and Prometheus /metrics', async () => {
    expect((await send(h.gateway.adminPort, { path: '/healthz' })).status).toBe(200);
    const ready = await send(h.gateway.adminPort, { path: '/readyz' });
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
    const metrics = await send(h.gateway.adminPort, { path: '/metrics' });
    expect(metrics.body).toContain('gateway_limiter_backend{backend="redis",service="gateway"} 1');
    expect(metrics.body).toContain('# TYPE gateway_request_duration_seconds histogram');
  });

  it('answers unknown admin routes with 404 problem+json', async () => {
    const res = await send(h.gateway.adminPort, { path: '/internal/v1/nope' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('keeps an operator’s rps_override when the demo tenants are seeded again', async () => {
    await h.sql.query(`update gateway.tenants set rps_override = 7 where id = 'acme'`);
    const { seedDemoTenants } = await import('../src/tenants/seedDemoTenants');
    const { createDb } = await import('@sightline/db');
    await seedDemoTenants(createDb(h.sql));
    const { rows } = await h.sql.query<{ rps_override: number }>(
      `select rps_override from gateway.tenants where id = 'acme'`,
    );
    expect(rows[0]!.rps_override).toBe(7);
  });
});
