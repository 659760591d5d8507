import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@sightline/testing';
import type { TestDatabase } from '@sightline/testing';
import pg from 'pg';
import { loadAlertingConfig } from '../src/config';
import { startAlerting } from '../src/startAlerting';
import type { AlertingHandle } from '../src/startAlerting';
import type { SloAlertEvent } from '../src/slo/SloAlertEvent';
import { startFakeCollector } from './support/fakeCollector';
import type { FakeCollector } from './support/fakeCollector';

const TOKEN = 'test-internal-token-0123456789';
const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);
let clock = T0;
let db: TestDatabase;
let collector: FakeCollector;
let specsDir: string;
let alerting: AlertingHandle;
let base: string;

const start = (): Promise<AlertingHandle> =>
  startAlerting(
    loadAlertingConfig(
      {},
      {
        ALERTING_PORT: 0,
        DATABASE_URL: db.url,
        INTERNAL_TOKEN: TOKEN,
        COLLECTOR_URL: collector.url,
        SLO_SPECS_DIR: specsDir,
        LOG_LEVEL: 'silent',
      },
    ),
    { now: () => new Date(clock), autoStart: false },
  );

const get = async (
  path: string,
  token = TOKEN,
): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

/** traffic adds one 10 s bucket per 10 s over the last `seconds`, like the collector's rollups. */
function traffic(
  tenant: string,
  seconds: number,
  perBucket: { requests: number; errors: number; rateLimited?: number },
): void {
  for (let t = clock - seconds * 1000; t < clock; t += 10_000)
    collector.rollups.add(tenant, { startMs: t, ...perBucket });
}

beforeAll(async () => {
  db = await createTestDatabase('sl_alerting');
  collector = await startFakeCollector(TOKEN, () => clock);
  specsDir = mkdtempSync(join(tmpdir(), 'slos-'));
  writeFileSync(
    join(specsDir, 'tenants.yaml'),
    'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - id: acme\n    tier: pro\n  - id: quiet\n    tier: pro\n',
  );
  alerting = await start();
  base = `http://127.0.0.1:${alerting.port}`;
});

afterAll(async () => {
  await alerting.close();
  await collector.close();
  await db.drop();
  rmSync(specsDir, { recursive: true, force: true });
});

describe('the SLO engine in the alerting service', () => {
  it('asks the collector for every window and the period in one call per tenant', async () => {
    await alerting.engine.evaluateOnce();
    expect(collector.requests).toContain(
      '/internal/v1/rollups/acme/windows?windows=5m,30m,1h,2h,6h,1d,3d,30d',
    );
  });

  it('fires page-fast at a 20× burn, stores and publishes the event with the rule labels, then resolves it', async () => {
    const published: SloAlertEvent[] = [];
    const unsubscribe = alerting.bus.subscribe((e) => published.push(e));
    traffic('acme', 300, { requests: 1000, errors: 20, rateLimited: 0 });
    const round = await alerting.engine.evaluateOnce();
    expect(
      round.events
        .filter((e) => e.state === 'firing')
        .map((e) => e.labels.burnrate_tier)
        .sort(),
    ).toEqual(['page-fast', 'page-slow', 'ticket-fast', 'ticket-slow']);
    expect(published).toHaveLength(4);
    const status = await get('/internal/v1/tenants/acme/slos');
    const slos = status.body.slos as {
      slo: string;
      burnRates: Record<string, number>;
      firingAlerts: unknown[];
    }[];
    expect(slos[0]!.burnRates['5m']).toBeCloseTo(20, 6);
    expect(slos[0]!.firingAlerts).toHaveLength(4);

    // The bad minutes age out of every window.
    clock += 4 * 86_400_000;
    traffic('acme', 600, { requests: 1000, errors: 0 });
    const later = await alerting.engine.evaluateOnce();
    expect(later.events.map((e) => e.state)).toEqual(['resolved', 'resolved', 'resolved', 'resolved']);
    const log = await get('/internal/v1/slo-alerts?tenant=acme&state=resolved');
    const events = log.body.events as SloAlertEvent[];
    expect(events).toHaveLength(4);
    expect(events.find((e) => e.labels.burnrate_tier === 'page-fast')!.labels).toEqual({
      alertname: 'SloErrorBudgetBurn',
      severity: 'page',
      burnrate_tier: 'page-fast',
      tenant: 'acme',
      slo: 'availability',
    });
    unsubscribe();
  });

  it('keeps alerts firing while the collector is unreachable instead of resolving them', async () => {
    traffic('acme', 300, { requests: 1000, errors: 50 });
    expect((await alerting.engine.evaluateOnce()).events.length).toBeGreaterThan(0);
    collector.down = true;
    const round = await alerting.engine.evaluateOnce();
    collector.down = false;
    expect(round.failed).toContain('acme');
    expect(round.events).toEqual([]);
    expect(alerting.engine.firingFor('acme').length).toBeGreaterThan(0);
  });

  it('does not fire the same alerts again after a restart', async () => {
    const firing = alerting.engine.firingFor('acme').length;
    await alerting.close();
    alerting = await start();
    base = `http://127.0.0.1:${alerting.port}`;
    expect(alerting.engine.firingFor('acme')).toHaveLength(firing);
    expect((await alerting.engine.evaluateOnce()).events).toEqual([]);
  });

  it('stores one snapshot per minute and serves the budget history', async () => {
    const from = new Date(clock - 60_000).toISOString();
    clock += 5_000;
    await alerting.engine.evaluateOnce();
    clock += 60_000;
    await alerting.engine.evaluateOnce();
    const h = await get(
      `/internal/v1/tenants/acme/slos/availability/history?from=${from}&to=${new Date(clock).toISOString()}`,
    );
    expect(h.status).toBe(200);
    const points = h.body.points as { at: string; errorBudgetRemaining: number }[];
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(points.every((p) => typeof p.errorBudgetRemaining === 'number')).toBe(true);
  });

  it('drops snapshots past the retention bound but keeps the event of an alert still firing', async () => {
    const pool = new pg.Pool({ connectionString: db.url });
    try {
      const store = (await import('../src/slo/SloStore')).SloStore.fromPool(pool);
      const future = new Date(clock + 400 * 86_400_000);
      const pruned = await store.prune(future, 35, 90);
      expect(pruned.snapshots).toBeGreaterThan(0);
      const left = await pool.query(`SELECT count(*)::int AS n FROM alerting.slo_snapshots`);
      expect(left.rows[0].n).toBe(0);
      const firing = await store.firingAlerts();
      expect(firing.length).toBe(alerting.engine.firingFor('acme').length);
    } finally {
      await pool.end();
    }
  });

  it('lists the definitions with their four burn-rate alerts', async () => {
    const r = await get('/internal/v1/slos?tenant=acme');
    const slos = r.body.slos as { slo: string; objective: number; alerts: { factor: number }[] }[];
    expect(slos.map((s) => s.slo)).toEqual(['availability', 'latency']);
    expect(slos[0]!.objective).toBe(0.999);
    expect(slos[0]!.alerts.map((a) => a.factor)).toEqual([14.4, 6, 3, 1]);
  });

  it('does not fire on a tenant with too little traffic to judge', async () => {
    traffic('quiet', 30, { requests: 1, errors: 1 });
    await alerting.engine.evaluateOnce();
    expect(alerting.engine.firingFor('quiet')).toEqual([]);
    const s = await get('/internal/v1/tenants/quiet/slos');
    const slos = s.body.slos as { windows: Record<string, { errorRatio: number }> }[];
    expect(slos[0]!.windows['5m']!.errorRatio).toBe(1);
  });
});

describe('the internal SLO API refuses bad input', () => {
  it.each([
    ['/internal/v1/tenants/ACME!/slos', 400],
    [`/internal/v1/tenants/${'a'.repeat(64)}/slos`, 400],
    ['/internal/v1/tenants/nobody/slos', 404],
    ['/internal/v1/tenants/acme/slos/nope/history', 404],
    ['/internal/v1/tenants/acme/slos/Bad%20Slo/history', 400],
    ['/internal/v1/tenants/acme/slos/availability/history?from=yesterday', 400],
    ['/internal/v1/tenants/acme/slos/availability/history?from=2026-01-10T00:00:00', 400],
    [
      '/internal/v1/tenants/acme/slos/availability/history?from=2026-01-10T00:00:00Z&to=2026-01-01T00:00:00Z',
      400,
    ],
    [
      '/internal/v1/tenants/acme/slos/availability/history?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      400,
    ],
    ['/internal/v1/tenants/acme/slos/availability/history?from=a&from=b', 400],
    ['/internal/v1/tenants/acme/slos?x=1', 400],
    ['/internal/v1/slo-alerts?state=burning', 400],
    ['/internal/v1/slo-alerts?limit=0', 400],
    ['/internal/v1/slo-alerts?limit=501', 400],
    ['/internal/v1/slo-alerts?after=-1', 400],
    [`/internal/v1/slo-alerts?tenant=${encodeURIComponent("acme' OR 1=1 --")}`, 400],
    [`/internal/v1/slo-alerts?tenant=${'x'.repeat(5000)}`, 400],
    ['/internal/v1/slos?tenant[$ne]=1', 400],
  ])('answers %s with %i and a reason', async (path, status) => {
    const r = await get(path);
    expect(r.status).toBe(status);
    expect(typeof r.body.detail).toBe('string');
  });

  it('answers 401 without the internal token, and keeps health routes open', async () => {
    expect((await get('/internal/v1/slos', 'wrong-token-wrong-token')).status).toBe(401);
    expect((await fetch(`${base}/internal/v1/slos`)).status).toBe(401);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('alerting_slo_burn_rate');
  });

  it('refuses to start on a bad spec and names the file and the path', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'slos-bad-'));
    writeFileSync(
      join(bad, 'tenants.yaml'),
      'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - id: a\n    tier: gold\n',
    );
    await expect(
      startAlerting(
        loadAlertingConfig(
          {},
          {
            ALERTING_PORT: 0,
            DATABASE_URL: db.url,
            INTERNAL_TOKEN: TOKEN,
            SLO_SPECS_DIR: bad,
            LOG_LEVEL: 'silent',
          },
        ),
      ),
    ).rejects.toThrow('tenants.yaml: tenants[0].tier');
    rmSync(bad, { recursive: true, force: true });
  });

  it('rejects an evaluation interval over 10 s by naming the variable', () => {
    expect(() =>
      loadAlertingConfig({ DATABASE_URL: db.url, INTERNAL_TOKEN: TOKEN, EVAL_INTERVAL_MS: '20000' }),
    ).toThrow(/EVAL_INTERVAL_MS/);
  });
});
