import type { Tenant } from '@sightline/contracts';
import type { Harness } from './support/startHarness';
import { INTERNAL_TOKEN, startHarness } from './support/startHarness';
import { send } from './support/send';

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
