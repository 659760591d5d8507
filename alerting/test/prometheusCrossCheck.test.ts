import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import { closeServer, listen } from '@sightline/http';
import { createTestDatabase, freePort, waitFor } from '@sightline/testing';
import type { TestDatabase } from '@sightline/testing';
import { loadAlertingConfig } from '../src/config';
import { startAlerting } from '../src/startAlerting';
import type { AlertingHandle } from '../src/startAlerting';
import { startFakeCollector } from './support/fakeCollector';
import type { FakeCollector } from './support/fakeCollector';

// One synthetic traffic stream goes both to a real Prometheus (scraping gateway_requests_total and
// gateway_request_duration_seconds from a local exporter, with the generated rules of tenant acme) and to the
// SLO engine (through the rollups stub). Both must see the same burn rates and fire the same alerts.
const PROMETHEUS = process.env.PROMETHEUS ?? '/usr/bin/prometheus';
const TOKEN = 'test-internal-token-0123456789';
const root = resolve(__dirname, '..', '..');

// Per tick (1 s): 945 answered, 5 × 5xx, 50 × 429 → 5 / 950 = 0.526 % errors, a 10.5× burn of acme's
// 0.05 % budget (page-slow and both tickets, not page-fast). Latency: 4 % over 300 ms, a 4× burn of 1 %.
const TICK = { ok: 945, errors: 5, limited: 50 };
const FAST = 960; // ≤ 100 ms
const SLOW = 40; // 500 ms bucket
const totals = { ok: 0, errors: 0, limited: 0, fast: 0, slow: 0 };

let db: TestDatabase;
let collector: FakeCollector;
let alerting: AlertingHandle;
let exporter: Server;
let prometheus: ChildProcess | undefined;
let promUrl: string;
let dataDir: string;
let ticker: NodeJS.Timeout;

function exposition(): string {
  const t = 'tenant="acme",route="/v1/things"';
  const lines = [
    '# TYPE gateway_requests_total counter',
    `gateway_requests_total{${t},code="200"} ${totals.ok}`,
    `gateway_requests_total{${t},code="500"} ${totals.errors}`,
    `gateway_requests_total{${t},code="429"} ${totals.limited}`,
    '# TYPE gateway_request_duration_seconds histogram',
  ];
  for (const b of LATENCY_BUCKETS_MS) {
    const n = (b >= 100 ? totals.fast : 0) + (b >= 500 ? totals.slow : 0);
    lines.push(`gateway_request_duration_seconds_bucket{tenant="acme",le="${b / 1000}"} ${n}`);
  }
  const all = totals.fast + totals.slow;
  lines.push(`gateway_request_duration_seconds_bucket{tenant="acme",le="+Inf"} ${all}`);
  lines.push(`gateway_request_duration_seconds_sum{tenant="acme"} ${totals.fast * 0.05 + totals.slow * 0.4}`);
  lines.push(`gateway_request_duration_seconds_count{tenant="acme"} ${all}`);
  return `${lines.join('\n')}\n`;
}

function tick(): void {
  totals.ok += TICK.ok;
  totals.errors += TICK.errors;
  totals.limited += TICK.limited;
  totals.fast += FAST;
  totals.slow += SLOW;
  const latencyBuckets = [...LATENCY_BUCKETS_MS, Infinity].map((b) =>
    b === 100 ? FAST : b === 500 ? SLOW : 0,
  );
  collector.rollups.add('acme', {
    startMs: Date.now(),
    requests: TICK.ok + TICK.errors + TICK.limited,
    errors: TICK.errors,
    rateLimited: TICK.limited,
    latencyBuckets,
  });
}

async function promQuery(
  expr: string,
): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await res.json()) as {
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  return body.data.result;
}

async function promFiring(): Promise<string[]> {
  const res = await fetch(`${promUrl}/api/v1/alerts`);
  const body = (await res.json()) as {
    data: { alerts: { state: string; labels: Record<string, string> }[] };
  };
  return body.data.alerts
    .filter((a) => a.state === 'firing' && a.labels.alertname === 'SloErrorBudgetBurn')
    .map((a) => JSON.stringify(sorted(a.labels)))
    .sort();
}

const sorted = (l: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.keys(l)
      .sort()
      .map((k) => [k, l[k]!]),
  );

beforeAll(async () => {
  db = await createTestDatabase('sl_alerting_prom');
  collector = await startFakeCollector(TOKEN);
  const specs = mkdtempSync(join(tmpdir(), 'slos-prom-'));
  writeFileSync(
    join(specs, 'tenants.yaml'),
    'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - id: acme\n    tier: enterprise\n',
  );
  alerting = await startAlerting(
    loadAlertingConfig(
      {},
      {
        ALERTING_PORT: 0,
        DATABASE_URL: db.url,
        INTERNAL_TOKEN: TOKEN,
        COLLECTOR_URL: collector.url,
        SLO_SPECS_DIR: specs,
        LOG_LEVEL: 'silent',
      },
    ),
    { autoStart: false },
  );
  rmSync(specs, { recursive: true, force: true });

  exporter = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(exposition());
  });
  const exporterPort = await listen(exporter, 0);
  tick();
  ticker = setInterval(tick, 1000);

  dataDir = mkdtempSync(join(tmpdir(), 'prom-'));
  const config = join(dataDir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      `rule_files: ['${join(root, 'rules', 'generated', 'slo-acme.yaml')}']`,
      'scrape_configs:',
      '  - job_name: gateway',
      `    static_configs: [{ targets: ['127.0.0.1:${exporterPort}'] }]`,
    ].join('\n'),
  );
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dataDir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=error',
    ],
    { stdio: 'ignore' },
  );
  await waitFor(async () => (await fetch(`${promUrl}/-/ready`)).ok, 20_000, 200);
}, 40_000);

afterAll(async () => {
  clearInterval(ticker);
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((r) => prometheus!.once('exit', r));
    prometheus.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    if (prometheus.exitCode === null) prometheus.kill('SIGKILL');
  }
  if (exporter) await closeServer(exporter);
  await alerting?.close();
  await collector?.close();
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the SLO engine against a live Prometheus with the generated rules', () => {
  it('computes the same 5m burn rates (within 1 %) and fires the same alerts with the same labels', async () => {
    // Wait until Prometheus has enough samples to fire the three expected availability and two latency alerts.
    const promAlerts = await waitFor(
      async () => {
        const a = await promFiring();
        return a.length === 5 ? a : undefined;
      },
      30_000,
      500,
    );

    const round = await alerting.engine.evaluateOnce();
    expect(round.evaluated).toEqual(['acme']);
    const status = alerting.engine.evaluation('acme')!.statuses;

    for (const slo of ['availability', 'latency']) {
      const [ratio] = await promQuery(`slo:sli_error:ratio_rate5m{tenant="acme", slo="${slo}"}`);
      const [budget] = await promQuery(`slo:error_budget:ratio{tenant="acme", slo="${slo}"}`);
      const promBurn = Number(ratio!.value[1]) / Number(budget!.value[1]);
      const engineBurn = status.find((s) => s.slo === slo)!.windows['5m'].burnRate!;
      expect(Math.abs(engineBurn - promBurn) / promBurn).toBeLessThan(0.01);
      const [ratio1h] = await promQuery(`slo:sli_error:ratio_rate1h{tenant="acme", slo="${slo}"}`);
      const engine1h = status.find((s) => s.slo === slo)!.windows['1h'].burnRate!;
      expect(
        Math.abs(engine1h - Number(ratio1h!.value[1]) / Number(budget!.value[1])) / engine1h,
      ).toBeLessThan(0.01);
    }

    const engineAlerts = alerting.engine
      .firingFor('acme')
      .map((a) => JSON.stringify(sorted(a.labels)))
      .sort();
    expect(engineAlerts).toEqual(promAlerts);
    expect(promAlerts.map((a) => (JSON.parse(a) as Record<string, string>).burnrate_tier).sort()).toEqual([
      'page-slow',
      'ticket-fast',
      'ticket-fast',
      'ticket-slow',
      'ticket-slow',
    ]);
  }, 45_000);
});
