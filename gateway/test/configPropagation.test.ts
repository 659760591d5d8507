import type { GatewayHandle } from '../src/startGateway';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import { adminCall } from './support/adminClient';
import { send } from './support/send';
import { waitFor } from '@sightline/testing';

const TINY = { 'x-api-key': 'sl_test_tiny_key' };
let h: Harness;
let replica: GatewayHandle;

beforeAll(async () => {
  h = await startHarness({ redis: true, tinyRps: 50, env: { CONFIG_RECONCILE_MS: '60000' } });
  replica = await h.startReplica();
});

afterAll(async () => {
  await h.close();
});

const tinyPolicy = async (port: number) =>
  String((await send(port, { headers: TINY })).headers['ratelimit-policy']);

/** Measures how long after `change` resolves the replica's answers show `expected`. */
async function timeUntil(port: number, expected: RegExp, change: () => Promise<unknown>): Promise<number> {
  await change();
  const started = Date.now();
  await waitFor(async () => expected.test(await tinyPolicy(port)), 5_000, 10);
  return Date.now() - started;
}

describe('configuration changes reaching every replica', () => {
  it('applies an admin change on another replica within one second, without a restart', async () => {
    expect(await tinyPolicy(replica.proxyPort)).toMatch(/^"tenant-1s";q=50;w=1/);
    const ms = await timeUntil(replica.proxyPort, /^"tenant-1s";q=9;w=1/, () =>
      adminCall(h.gateway.adminPort, h.adminToken, 'PUT', '/admin/v1/tenants/tiny/override', {
        perSecond: 9,
      }),
    );
    expect(ms).toBeLessThan(1_000);
  });

  it('applies a change made straight in SQL too, since the trigger notifies in the same transaction', async () => {
    const ms = await timeUntil(replica.proxyPort, /^"tenant-1s";q=11;w=1/, () =>
      h.sql.query(`update gateway.tenant_overrides set per_second = 11 where tenant_id = 'tiny'`),
    );
    expect(ms).toBeLessThan(1_000);
  });

  it('reconnects its LISTEN session after Postgres drops it and catches up on what it missed', async () => {
    await h.sql.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where application_name = 'gateway-config-listener' and datname = current_database()`,
    );
    await h.sql.query(`update gateway.tenant_overrides set per_second = 13 where tenant_id = 'tiny'`);
    await waitFor(async () => /^"tenant-1s";q=13;w=1/.test(await tinyPolicy(replica.proxyPort)), 3_000, 20);
    await waitFor(async () => /^"tenant-1s";q=13;w=1/.test(await tinyPolicy(h.gateway.proxyPort)), 3_000, 20);
    const { rows } = await h.sql.query(
      `select count(*)::int as n from pg_stat_activity
       where application_name = 'gateway-config-listener' and datname = current_database()`,
    );
    expect(rows[0].n).toBe(2);
  });

  it('applies an emergency multiplier everywhere and drops it by itself when it expires', async () => {
    const ms = await timeUntil(replica.proxyPort, /^"tenant-1s";q=6;w=1/, () =>
      adminCall(h.gateway.adminPort, h.adminToken, 'POST', '/admin/v1/adjustments', {
        tenantId: 'tiny',
        multiplier: 0.5,
        expiresInSeconds: 2,
        reason: 'INC-7 load shedding',
      }),
    );
    expect(ms).toBeLessThan(1_000);
    await waitFor(async () => /^"tenant-1s";q=13;w=1/.test(await tinyPolicy(replica.proxyPort)), 4_000, 50);
  });

  it('lets an absolute emergency limit for an endpoint class beat the tier, and the most specific one win', async () => {
    await adminCall(h.gateway.adminPort, h.adminToken, 'POST', '/admin/v1/adjustments', {
      endpointClass: 'data',
      perSecond: 4,
      expiresInSeconds: 60,
      reason: 'all tenants: data class throttled',
    });
    await adminCall(h.gateway.adminPort, h.adminToken, 'POST', '/admin/v1/adjustments', {
      tenantId: 'tiny',
      endpointClass: 'data',
      perSecond: 2,
      expiresInSeconds: 60,
      reason: 'tiny only',
    });
    await waitFor(async () => (await tinyPolicy(replica.proxyPort)).includes('"data-1s";q=2;w=1'), 2_000, 20);
    const acme = await send(replica.proxyPort, {
      headers: { 'x-api-key': 'sl_demo_acme_8f3c2a91d4e54b7f9a1c' },
    });
    expect(acme.headers['ratelimit-policy']).toContain('"data-1s";q=4;w=1');
    expect(acme.headers['ratelimit-policy']).toContain('"tenant-1s";q=200;w=1');
  });
});
