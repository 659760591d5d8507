/**
 * End to end with real parts: real Prometheus evaluates a rule over a metric this test exports, real Alertmanager
 * posts its version-4 webhook to the engine, and the engine pages the PagerDuty fake, which checks every event
 * against PagerDuty's published OpenAPI document.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServer, listen } from '@sightline/http';
import {
  alertmanagerWebhookConfig,
  createTestDatabase,
  startAlertmanager,
  startPrometheus,
  waitFor,
} from '@sightline/testing';
import type { Alertmanager, Prometheus, TestDatabase } from '@sightline/testing';
import { loadAlertingConfig } from '../src/config';
import { startAlerting } from '../src/startAlerting';
import type { AlertingHandle } from '../src/startAlerting';
import { FakePagerDuty } from './fakes/FakePagerDuty';
import type { ApiBody } from './pipeline/pipelineHarness';
import { startFakeCollector } from './support/fakeCollector';
import type { FakeCollector } from './support/fakeCollector';

jest.setTimeout(120_000);

const TOKEN = 'real-parts-internal-token-0123456789';
const PRIMARY_KEY = 'a'.repeat(32);
const SECONDARY_KEY = 'b'.repeat(32);
const failing: Record<string, number> = { acme: 0, globex: 0 };

let db: TestDatabase;
let pd: FakePagerDuty;
let collector: FakeCollector;
let exporter: Server;
let alerting: AlertingHandle;
let am: Alertmanager;
let prom: Prometheus;
let specsDir: string;
let base: string;

const api = async (
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: ApiBody }> => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      'x-sightline-actor': 'oncall-alice',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as ApiBody };
};

const RULES = `groups:
  - name: drill
    rules:
      - alert: TenantErrorBudgetBurn
        expr: drill_failing > 0
        labels:
          severity: page
          slo: availability
        annotations:
          summary: '{{ $labels.tenant }} is burning its error budget'
          runbook_url: https://runbooks.example.test/error-budget-burn
`;

beforeAll(async () => {
  db = await createTestDatabase('sl_alert_real');
  pd = await new FakePagerDuty().start();
  specsDir = mkdtempSync(join(tmpdir(), 'slos-empty-'));
  collector = await startFakeCollector(TOKEN, () => Date.now());
  exporter = createServer((_req, res) => {
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(
      '# TYPE drill_failing gauge\n' +
        Object.entries(failing)
          .map(([tenant, v]) => `drill_failing{tenant="${tenant}"} ${v}\n`)
          .join(''),
    );
  });
  const exporterPort = await listen(exporter, 0, '127.0.0.1');
  alerting = await startAlerting(
    loadAlertingConfig(
      {},
      {
        ALERTING_PORT: 0,
        DATABASE_URL: db.url,
        INTERNAL_TOKEN: TOKEN,
        COLLECTOR_URL: collector.url,
        SLO_SPECS_DIR: specsDir,
        LOG_LEVEL: 'silent',
        PAGERDUTY_ROUTING_KEY: PRIMARY_KEY,
        PAGERDUTY_EVENTS_URL: pd.enqueueUrl,
        ALERT_TICK_MS: 100,
        OUTBOX_POLL_MS: 100,
      },
    ),
  );
  base = `http://127.0.0.1:${alerting.port}`;
  expect(
    (
      await api('POST', '/internal/v1/channels', {
        id: 'pd-secondary',
        name: 'PagerDuty secondary',
        config: { type: 'pagerduty', routingKey: SECONDARY_KEY, url: pd.enqueueUrl },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await api('PUT', '/internal/v1/policies/default', {
        name: 'Default',
        repeat: 1,
        steps: [
          { targets: [{ type: 'channel', id: 'env-pagerduty' }], waitMinutes: 0.1 },
          { targets: [{ type: 'channel', id: 'pd-secondary' }], waitMinutes: 0.1 },
        ],
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await api('PUT', '/internal/v1/routes/root', {
        name: 'Root',
        policyId: 'default',
        groupWaitSeconds: 0,
        groupIntervalSeconds: 1,
      })
    ).status,
  ).toBe(200);
  am = await startAlertmanager({
    config: alertmanagerWebhookConfig({
      url: `${base}/api/v1/alertmanager`,
      bearerToken: TOKEN,
      groupBy: ['alertname', 'tenant'],
      groupWait: '1s',
      groupInterval: '1s',
    }),
  });
  prom = await startPrometheus({
    rules: RULES,
    scrapeTargets: [{ job: 'drill', target: `127.0.0.1:${exporterPort}` }],
    alertmanagerUrl: am.url,
  });
});

afterAll(async () => {
  await prom?.stop();
  await am?.stop();
  await alerting?.close();
  await closeServer(exporter);
  await collector?.close();
  await pd?.close();
  rmSync(specsDir, { recursive: true, force: true });
  await db?.drop();
});

describe('the alert engine behind real Prometheus and Alertmanager', () => {
  let dedupKey = '';

  it('sends PagerDuty a valid trigger for a rule that fires', async () => {
    failing.acme = 1;
    const trigger = await waitFor(() => pd.events.find((e) => e.event_action === 'trigger'), 30_000);
    expect(pd.violations).toEqual([]);
    expect(trigger.routing_key).toBe(PRIMARY_KEY);
    expect(trigger.payload).toMatchObject({
      severity: 'critical',
      summary: expect.stringContaining('acme is burning'),
    });
    expect(trigger.links?.map((l) => l.href)).toContain('https://runbooks.example.test/error-budget-burn');
    dedupKey = trigger.dedup_key!;
    expect(dedupKey).toMatch(/^sightline-/);
  });

  it('escalates to step 2 when nobody acknowledges within the wait', async () => {
    const step2 = await waitFor(
      () => pd.events.find((e) => e.routing_key === SECONDARY_KEY && e.event_action === 'trigger'),
      20_000,
    );
    expect(step2.dedup_key).toBe(dedupKey);
    expect(
      pd.byDedupKey(dedupKey).filter((e) => e.routing_key === PRIMARY_KEY && e.event_action === 'trigger'),
    ).toHaveLength(1);
  });

  it('stops escalating once acknowledged, and tells PagerDuty', async () => {
    const { body } = await api('GET', '/internal/v1/groups?tenant=acme&state=firing');
    const group = body.groups[0]!;
    const ack = await api('POST', `/internal/v1/groups/${group.id}/ack`, {});
    expect(ack.status).toBe(200);
    await waitFor(
      () => pd.byDedupKey(dedupKey).filter((e) => e.event_action === 'acknowledge').length === 2,
      10_000,
    );
    const triggersBefore = pd.byDedupKey(dedupKey).filter((e) => e.event_action === 'trigger').length;
    // The policy repeats once: without the ack a third trigger would follow within 6 s.
    await new Promise((r) => setTimeout(r, 8000));
    expect(pd.byDedupKey(dedupKey).filter((e) => e.event_action === 'trigger')).toHaveLength(triggersBefore);
  });

  it('sends resolve with the same dedup_key once the rule stops firing', async () => {
    failing.acme = 0;
    await waitFor(
      () => pd.byDedupKey(dedupKey).filter((e) => e.event_action === 'resolve').length === 2,
      30_000,
    );
    const keys = pd
      .byDedupKey(dedupKey)
      .map((e) => `${e.routing_key === PRIMARY_KEY ? 'primary' : 'secondary'} ${e.event_action}`);
    expect(keys.slice(0, 2)).toEqual(['primary trigger', 'secondary trigger']);
    expect(keys.slice(2, 4).sort()).toEqual(['primary acknowledge', 'secondary acknowledge']);
    expect(keys.slice(4).sort()).toEqual(['primary resolve', 'secondary resolve']);
    expect(pd.violations).toEqual([]);
  });

  it('pages nobody inside a maintenance window, and pages when the window ends while the alert still fires', async () => {
    const now = Date.now();
    const s = await api('POST', '/internal/v1/silences', {
      kind: 'maintenance',
      tenant: 'globex',
      comment: 'storage migration',
      window: {
        kind: 'once',
        startsAt: new Date(now - 1000).toISOString(),
        endsAt: new Date(now + 8000).toISOString(),
      },
    });
    expect(s.status).toBe(201);
    failing.globex = 1;
    const isGlobex = (e: { payload?: { summary?: string } }) =>
      e.payload?.summary?.includes('globex') === true;
    await waitFor(
      async () => (await api('GET', '/internal/v1/groups?tenant=globex')).body.groups[0]?.muted,
      20_000,
    );
    expect(pd.events.filter(isGlobex)).toHaveLength(0);
    const paged = await waitFor(() => pd.events.find(isGlobex), 20_000);
    expect(Date.now()).toBeGreaterThanOrEqual(now + 8000);
    expect(paged.event_action).toBe('trigger');
    failing.globex = 0;
  });
});
