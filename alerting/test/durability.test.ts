/**
 * Durability and HA: the engine is killed with SIGKILL mid-escalation and restarted, two replicas share one
 * database, and PagerDuty rate-limits; in each case every notification goes out once, on time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, freePort, waitFor } from '@sightline/testing';
import type { TestDatabase } from '@sightline/testing';
import { loadAlertingConfig } from '../src/config';
import { startAlerting } from '../src/startAlerting';
import type { AlertingHandle } from '../src/startAlerting';
import { FakePagerDuty } from './fakes/FakePagerDuty';
import { startFakeCollector } from './support/fakeCollector';
import type { FakeCollector } from './support/fakeCollector';
import { bundleAlerting, spawnAlerting } from './support/spawnAlerting';

jest.setTimeout(90_000);

const TOKEN = 'durability-internal-token-0123456789';
const PRIMARY_KEY = 'c'.repeat(32);
const SECONDARY_KEY = 'd'.repeat(32);

let pd: FakePagerDuty;
let collector: FakeCollector;
let specsDir: string;

beforeAll(async () => {
  pd = await new FakePagerDuty().start();
  collector = await startFakeCollector(TOKEN, () => Date.now());
  specsDir = mkdtempSync(join(tmpdir(), 'slos-empty-'));
});

afterAll(async () => {
  await collector?.close();
  await pd?.close();
  rmSync(specsDir, { recursive: true, force: true });
});

beforeEach(() => {
  pd.events.length = 0;
  pd.violations.length = 0;
  pd.requests.length = 0;
});

const env = (db: TestDatabase): Record<string, string> => ({
  DATABASE_URL: db.url,
  INTERNAL_TOKEN: TOKEN,
  COLLECTOR_URL: collector.url,
  SLO_SPECS_DIR: specsDir,
  LOG_LEVEL: 'warn',
  PAGERDUTY_ROUTING_KEY: PRIMARY_KEY,
  PAGERDUTY_EVENTS_URL: pd.enqueueUrl,
  ALERT_TICK_MS: '100',
  OUTBOX_POLL_MS: '100',
  NOTIFY_BACKOFF_MS: '200',
});

const call = async (base: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

/** twoStepPolicy pages the primary service, then the secondary after waitMinutes, with no group_wait. */
async function twoStepPolicy(base: string, waitMinutes: number): Promise<void> {
  expect(
    (
      await call(base, 'POST', '/internal/v1/channels', {
        id: 'pd-secondary',
        name: 'secondary',
        config: { type: 'pagerduty', routingKey: SECONDARY_KEY, url: pd.enqueueUrl },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await call(base, 'PUT', '/internal/v1/policies/default', {
        name: 'Default',
        steps: [
          { targets: [{ type: 'channel', id: 'env-pagerduty' }], waitMinutes },
          { targets: [{ type: 'channel', id: 'pd-secondary' }], waitMinutes },
        ],
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await call(base, 'PUT', '/internal/v1/routes/root', {
        name: 'Root',
        policyId: 'default',
        groupWaitSeconds: 0,
      })
    ).status,
  ).toBe(200);
}

const alert = (tenant: string) => [
  { labels: { alertname: 'TenantErrorBudgetBurn', tenant, slo: 'availability', severity: 'page' } },
];

const count = (routingKey: string, action: string) =>
  pd.events.filter((e) => e.routing_key === routingKey && e.event_action === action).length;

/** explained waits like waitFor and, when it times out, says what the engine logged and what PagerDuty received. */
async function explained(engine: () => { output(): string }, check: () => boolean, timeoutMs: number) {
  try {
    await waitFor(check, timeoutMs);
  } catch (err) {
    const seen = pd.events.map((e) => `${e.routing_key.slice(0, 4)}… ${e.event_action}`).join(', ');
    throw new Error(
      `${(err as Error).message}\nPagerDuty events: [${seen}] violations: ${JSON.stringify(pd.violations)}\n` +
        `engine output:\n${engine().output().slice(-3000)}`,
      { cause: err },
    );
  }
}

describe('durability', () => {
  it('continues an escalation on time after the engine is killed with SIGKILL mid-wait, with no duplicate and nothing lost', async () => {
    const db = await createTestDatabase('sl_alert_crash');
    const bundle = await bundleAlerting();
    const port = await freePort();
    let engine = await spawnAlerting(bundle, env(db), port);
    try {
      await twoStepPolicy(engine.base, 0.2); // 12 s per step
      expect((await call(engine.base, 'POST', '/api/v2/alerts', alert('acme'))).status).toBe(200);
      await explained(
        () => engine,
        () => count(PRIMARY_KEY, 'trigger') === 1,
        10_000,
      );
      const pagedAt = Date.now();
      await new Promise((r) => setTimeout(r, 6000));
      await engine.kill('SIGKILL');
      engine = await spawnAlerting(bundle, env(db), port);
      await explained(
        () => engine,
        () => count(SECONDARY_KEY, 'trigger') === 1,
        30_000,
      );
      const escalatedAfter = Date.now() - pagedAt;
      // On time: the 12 s wait plus tick and delivery slack — not 12 s counted again from the restart (≥ 18 s).
      expect(escalatedAfter).toBeGreaterThanOrEqual(11_500);
      expect(escalatedAfter).toBeLessThan(17_000);
      await new Promise((r) => setTimeout(r, 1500));
      expect(count(PRIMARY_KEY, 'trigger')).toBe(1);
      expect(count(SECONDARY_KEY, 'trigger')).toBe(1);
      expect(pd.violations).toEqual([]);
    } finally {
      await engine.kill('SIGTERM');
      await db.drop();
    }
  });

  it('sends exactly one trigger per group when two replicas share the database and both receive every alert', async () => {
    const db = await createTestDatabase('sl_alert_ha');
    const replicas: AlertingHandle[] = [];
    try {
      for (let i = 0; i < 2; i++)
        replicas.push(
          await startAlerting(
            loadAlertingConfig(
              {},
              { ...env(db), ALERTING_PORT: 0, LOG_LEVEL: 'silent', ALERT_TICK_MS: 50, OUTBOX_POLL_MS: 50 },
            ),
          ),
        );
      const bases = replicas.map((r) => `http://127.0.0.1:${r.port}`);
      await twoStepPolicy(bases[0]!, 60);
      // The other replica sees a configuration change at its next version check (every 250 ms).
      await new Promise((r) => setTimeout(r, 600));
      const tenants = Array.from({ length: 10 }, (_, i) => `tenant-${i}`);
      // Alertmanager in HA mode sends every notification to every replica, at about the same time.
      await Promise.all(
        bases.flatMap((b) => tenants.map((t) => call(b, 'POST', '/api/v2/alerts', alert(t)))),
      );
      await waitFor(() => count(PRIMARY_KEY, 'trigger') >= tenants.length, 15_000);
      await new Promise((r) => setTimeout(r, 1500));
      const perGroup = new Map<string, number>();
      for (const e of pd.events) perGroup.set(e.dedup_key!, (perGroup.get(e.dedup_key!) ?? 0) + 1);
      expect(perGroup.size).toBe(tenants.length);
      expect([...perGroup.values()].every((n) => n === 1)).toBe(true);
      const ack = await call(bases[1]!, 'GET', '/internal/v1/groups?state=firing&limit=100');
      expect(ack.body.groups).toHaveLength(tenants.length);
    } finally {
      for (const r of replicas) await r.close();
      await db.drop();
    }
  });

  it('delivers a trigger exactly once when PagerDuty answers 429 twice and then 202', async () => {
    const db = await createTestDatabase('sl_alert_429');
    const alerting = await startAlerting(
      loadAlertingConfig({}, { ...env(db), ALERTING_PORT: 0, LOG_LEVEL: 'silent' }),
    );
    const base = `http://127.0.0.1:${alerting.port}`;
    try {
      await twoStepPolicy(base, 60);
      pd.script(429, 429);
      expect((await call(base, 'POST', '/api/v2/alerts', alert('acme'))).status).toBe(200);
      // Two backoffs of about 1 and 2 s; the bound leaves room for a loaded CI machine, the assertions are on counts.
      await waitFor(() => count(PRIMARY_KEY, 'trigger') === 1, 40_000);
      await new Promise((r) => setTimeout(r, 1500));
      expect(count(PRIMARY_KEY, 'trigger')).toBe(1);
      expect(pd.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
      const groups = (await call(base, 'GET', '/internal/v1/groups')).body.groups;
      const detail = (await call(base, 'GET', `/internal/v1/groups/${groups[0].id}`)).body;
      expect(detail.notifications).toEqual([
        expect.objectContaining({ action: 'trigger', status: 'delivered', attempts: 3 }),
      ]);
    } finally {
      await alerting.close();
      await db.drop();
    }
  });
});
