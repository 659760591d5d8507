// Alerting benchmark: Sightline's alert engine against a real Alertmanager in the same run, alternated over ROUNDS
// rounds; ratios are medians of same-round ratios (the machine's speed drifts ±30 % minute to minute).
//   1. latency: POST /api/v2/alerts → notification (Alertmanager → webhook vs Sightline → PagerDuty, group_wait 0),
//      and SLO breach → PagerDuty at the default EVAL_INTERVAL_MS (4000) and at 1000 (target ≤ 5 s);
//   2. intake throughput: wrk POSTing 1 or 10 new alerts per request over 50 tenants to either /api/v2/alerts;
//   3. keep-up: a fixed 10,000 alerts/min for KEEPUP_S s, then the flush backlog and the time to drain it.
// Usage: npm run bench -- alerting
//   (env: ROUNDS=6 DURATION_S=6 CONNECTIONS=32 LAT_SAMPLES=3 KEEPUP_S=60 KEEPUP_PER_MIN=10000 MAX_RUNTIME_S=900
//    RESULTS_FILE=bench/RESULTS.md)
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startCpuMeter } from './cpuMeter.mjs';
import { probeEngineQueries } from './engineQueryProbe.mjs';
import { startFakeCollector } from './fakeCollector.mjs';
import { startFakePagerDuty } from './fakePagerDuty.mjs';
import { startPgActivitySampler } from './pgActivitySampler.mjs';
import { startWebhookRecorder } from './webhookRecorder.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const DURATION = Number(process.env.DURATION_S ?? 6);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const LAT_SAMPLES = Number(process.env.LAT_SAMPLES ?? 3);
const KEEPUP_S = Number(process.env.KEEPUP_S ?? 60);
const KEEPUP_PER_MIN = Number(process.env.KEEPUP_PER_MIN ?? 10_000);
const MAX_RUNTIME_S = Number(process.env.MAX_RUNTIME_S ?? 900);
/** DEFAULT_EVAL_MS is alerting's default EVAL_INTERVAL_MS, read from its config so the two cannot drift apart. */
const DEFAULT_EVAL_MS = defaultEvalIntervalMs();
const DRAIN_BOUND_S = 120;
const TENANTS = 50;
const ADMIN_DB = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AM_BIN = process.env.ALERTMANAGER ?? 'prometheus-alertmanager';
const TOKEN = 'bench-internal-token-0123456789';
const BASE = 19400;
const P = { pd: BASE + 1, collector: BASE + 2, recorder: BASE + 3, am: BASE + 4 };
const SL_PORT = { s10: BASE + 10, s1: BASE + 11, st: BASE + 12, sk: BASE + 13 };
// One PagerDuty integration key per Sightline instance tells the fake which instance paged.
const KEY = Object.fromEntries(Object.keys(SL_PORT).map((k) => [k, `bench${k}`.padEnd(32, '0')]));
// Latency instances page at once (Alertmanager's group_wait 0); the throughput ones batch like a real route would.
const LATENCY_ROUTE = { groupWaitSeconds: 0, groupIntervalSeconds: 1, repeatIntervalSeconds: 3600 };
const BULK_ROUTE = { groupWaitSeconds: 1, groupIntervalSeconds: 5, repeatIntervalSeconds: 3600 };

const log = (m) => process.stdout.write(`[bench] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const max = (xs) => Math.max(...xs.filter((x) => Number.isFinite(x)));
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');

const children = [];
const databases = [];
const tempDirs = [];
const servers = [];
let admin = null;
let stopping = false;
const loadAtStart = os.loadavg();

function start(name, command, args, env = {}) {
  if (stopping) throw new Error('the benchmark is stopping');
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  child.deadlocks = 0;
  const keep = (d) => {
    // Postgres' deadlock error code, as the service logs it.
    child.deadlocks += String(d).split('"code":"40P01"').length - 1;
    tail = (tail + d).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.tail = () => tail;
  child.on('exit', (code, signal) => {
    if (!stopping && !child.expectedExit) log(`${name} exited ${code ?? signal}: ${tail.slice(-800)}`);
  });
  children.push(child);
  return child;
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.expectedExit = true;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])) return;
  child.kill('SIGKILL');
  await exited;
}

async function ready(url, child, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited: ${child.tail().slice(-1500)}`);
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  throw new Error(`${url} not ready: ${child.tail().slice(-1500)}`);
}

async function createDatabase(tag) {
  const name = `sl_bench_alerting_${tag}_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  databases.push(name);
  const url = new URL(ADMIN_DB);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

function specsDir(tenants) {
  const dir = mkdtempSync(join(tmpdir(), 'sl-bench-slos-'));
  tempDirs.push(dir);
  writeFileSync(
    join(dir, 'tenants.yaml'),
    `apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n${tenants.map((t) => `  - id: ${t}\n    tier: pro\n`).join('')}`,
  );
  return dir;
}

async function api(port, method, path, body) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** startSightline runs one alerting bundle on a fresh database and sets its root route and default policy. */
async function startSightline(name, { evalMs, tenants, route }, fakes) {
  const db = await createDatabase(name);
  const port = SL_PORT[name];
  const child = start(`sightline-${name}`, process.execPath, [join(root, 'alerting', 'dist', 'main.js')], {
    DATABASE_URL: db.url,
    INTERNAL_TOKEN: TOKEN,
    ALERTING_PORT: String(port),
    HOST: '127.0.0.1',
    COLLECTOR_URL: fakes.collector.url,
    SLO_SPECS_DIR: specsDir(tenants),
    EVAL_INTERVAL_MS: String(evalMs),
    PAGERDUTY_ROUTING_KEY: KEY[name],
    PAGERDUTY_EVENTS_URL: fakes.pd.url,
    LOG_LEVEL: 'warn',
  });
  await ready(`http://127.0.0.1:${port}/readyz`, child);
  await api(port, 'PUT', '/internal/v1/policies/default', {
    name: 'Default',
    steps: [{ targets: [{ type: 'channel', id: 'env-pagerduty' }], waitMinutes: 60 }],
  });
  await api(port, 'PUT', '/internal/v1/routes/root', { name: 'Root', policyId: 'default', ...route });
  return { name, port, db, child, url: `http://127.0.0.1:${port}` };
}

async function startAlertmanager(recorderUrl) {
  const dir = mkdtempSync(join(tmpdir(), 'sl-bench-am-'));
  tempDirs.push(dir);
  // The bulk receiver caps alerts per notification at 20, as Sightline's PagerDuty event does.
  const config = {
    route: {
      receiver: 'bulk',
      group_by: ['alertname', 'tenant'],
      group_wait: `${BULK_ROUTE.groupWaitSeconds}s`,
      group_interval: `${BULK_ROUTE.groupIntervalSeconds}s`,
      repeat_interval: '1h',
      routes: [
        {
          matchers: ['bench="latency"'],
          receiver: 'latency',
          group_wait: `${LATENCY_ROUTE.groupWaitSeconds}s`,
          group_interval: `${LATENCY_ROUTE.groupIntervalSeconds}s`,
        },
      ],
    },
    receivers: [
      {
        name: 'bulk',
        webhook_configs: [{ url: `${recorderUrl}/bulk`, send_resolved: true, max_alerts: 20 }],
      },
      { name: 'latency', webhook_configs: [{ url: `${recorderUrl}/latency`, send_resolved: false }] },
    ],
  };
  writeFileSync(join(dir, 'alertmanager.yml'), JSON.stringify(config, null, 2));
  const child = start('alertmanager', AM_BIN, [
    `--config.file=${join(dir, 'alertmanager.yml')}`,
    `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${P.am}`,
    // Empty turns off the gossip listener, which would otherwise want port 9094 and peers.
    '--cluster.listen-address=',
    '--log.level=warn',
  ]);
  await ready(`http://127.0.0.1:${P.am}/-/ready`, child);
  return { child, url: `http://127.0.0.1:${P.am}` };
}

// ---- 1. latency -------------------------------------------------------------------------------------------------

async function postOne(url, labels) {
  const res = await fetch(`${url}/api/v2/alerts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ labels, annotations: { summary: 'bench latency probe' } }]),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`POST ${url}/api/v2/alerts → ${res.status}`);
}

async function amLatency(am, recorder, tag) {
  const tenant = `lat-am-${tag}`;
  const arrived = recorder.waitFor(tenant, 10_000);
  const t0 = Date.now();
  await postOne(am.url, { alertname: 'BenchLatency', bench: 'latency', severity: 'page', tenant });
  return (await arrived) - t0;
}

function defaultEvalIntervalMs() {
  const src = readFileSync(join(root, 'alerting', 'src', 'config.ts'), 'utf8');
  const m = src.match(/EVAL_INTERVAL_MS: int\([\d_]+, [\d_]+, ([\d_]+)\)/);
  if (!m) throw new Error('cannot find the default EVAL_INTERVAL_MS in alerting/src/config.ts');
  return Number(m[1].replaceAll('_', ''));
}

async function slLatency(sl, pd, tag) {
  const tenant = `lat-sl-${tag}`;
  const arrived = pd.waitFor(
    (e) => e.key === KEY[sl.name] && e.action === 'trigger' && e.tenant === tenant,
    10_000,
  );
  const t0 = Date.now();
  await postOne(sl.url, { alertname: 'BenchLatency', bench: 'latency', severity: 'page', tenant });
  return (await arrived).at - t0;
}

async function sloLatency(sl, fakes, tenant, evalMs) {
  // Rounds take about the same time, so without a random wait every flip would land at the same phase of the
  // engine's evaluation loop and the breach → page time would not sample the interval fairly.
  await sleep(Math.random() * evalMs);
  const timeoutMs = evalMs + 20_000;
  const flippedAt = fakes.collector.breach(tenant);
  const page = await fakes.pd.waitFor(
    (e) =>
      e.key === KEY[sl.name] && e.action === 'trigger' && e.tenant === tenant && e.severityLabel === 'page',
    timeoutMs,
  );
  const { events } = await api(
    sl.port,
    'GET',
    `/internal/v1/slo-alerts?tenant=${tenant}&state=firing&limit=50`,
  );
  const created = events.filter((e) => e.labels.severity === 'page').map((e) => Date.parse(e.createdAt));
  return { eventToPd: page.at - Math.min(...created), flipToPd: page.at - flippedAt };
}

async function latencyPhase(fakes, am) {
  const s10 = await startSightline(
    's10',
    {
      evalMs: DEFAULT_EVAL_MS,
      tenants: Array.from({ length: ROUNDS }, (_, r) => `e10r${r}`),
      route: LATENCY_ROUTE,
    },
    fakes,
  );
  const s1 = await startSightline(
    's1',
    { evalMs: 1000, tenants: Array.from({ length: ROUNDS }, (_, r) => `e1r${r}`), route: LATENCY_ROUTE },
    fakes,
  );
  await sleep(1000);
  // Warm-up: one probe each, not counted (first connections, JIT).
  await amLatency(am, fakes.recorder, 'warm').catch(() => undefined);
  await slLatency(s10, fakes.pd, 'warm').catch(() => undefined);

  const missed = { am: 0, sl: 0, slo10: 0, slo1: 0 };
  const tasks = {
    am: async (r) => {
      const xs = [];
      for (let i = 0; i < LAT_SAMPLES; i++)
        xs.push(await amLatency(am, fakes.recorder, `${r}-${i}`).catch(() => (missed.am++, NaN)));
      return median(xs);
    },
    sl: async (r) => {
      const xs = [];
      for (let i = 0; i < LAT_SAMPLES; i++)
        xs.push(await slLatency(s10, fakes.pd, `${r}-${i}`).catch(() => (missed.sl++, NaN)));
      return median(xs);
    },
    slo10: (r) =>
      sloLatency(s10, fakes, `e10r${r}`, DEFAULT_EVAL_MS).catch(
        () => (missed.slo10++, { eventToPd: NaN, flipToPd: NaN }),
      ),
    slo1: (r) =>
      sloLatency(s1, fakes, `e1r${r}`, 1000).catch(() => (missed.slo1++, { eventToPd: NaN, flipToPd: NaN })),
  };
  const order = Object.keys(tasks);
  const rounds = [];
  log(
    `latency: ${ROUNDS} rounds × (${LAT_SAMPLES} POST probes per system + one SLO breach per eval interval)`,
  );
  for (let r = 0; r < ROUNDS; r++) {
    const res = {};
    for (let i = 0; i < order.length; i++) {
      const k = order[(i + r) % order.length];
      res[k] = await tasks[k](r);
    }
    rounds.push(res);
    log(
      `round ${r + 1}: POST→notify am=${fmt(res.am)}ms sl=${fmt(res.sl)}ms  SLO ${DEFAULT_EVAL_MS / 1000}s: event→PD ${fmt(res.slo10.eventToPd)}ms breach→PD ${fmt(res.slo10.flipToPd)}ms  SLO 1s: event→PD ${fmt(res.slo1.eventToPd)}ms breach→PD ${fmt(res.slo1.flipToPd)}ms`,
    );
  }
  await stopChild(s10.child);
  await stopChild(s1.child);
  return { rounds, missed };
}

// ---- 2. intake throughput ---------------------------------------------------------------------------------------

function wrk(url, perRequest, runId, pid) {
  if (stopping) throw new Error('the benchmark is stopping');
  const meter = startCpuMeter([pid]);
  return new Promise((resolve) => {
    const child = spawn(
      'wrk',
      [
        '-t1',
        `-c${CONNECTIONS}`,
        `-d${DURATION}s`,
        '--timeout',
        '10s',
        '--latency',
        '-s',
        join(here, 'postAlerts.lua'),
        '-H',
        `Authorization: Bearer ${TOKEN}`,
        `${url}/api/v2/alerts`,
      ],
      {
        env: { ...process.env, ALERTS_PER_REQ: String(perRequest), TENANTS: String(TENANTS), RUN_ID: runId },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', () => {
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
      const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
      const p99ms = p99 ? Number(p99[1]) * (p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1) : NaN;
      const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
      const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      const socketErrors = sock ? sock.slice(1).reduce((n, x) => n + Number(x), 0) : 0;
      if (!rps) log(`wrk printed no rate: ${out.slice(-500)}`);
      const cpu = meter.stop();
      resolve({
        rps,
        alertsPerS: rps * perRequest,
        p99ms,
        non2xx,
        socketErrors,
        machineBusy: cpu.machineBusy,
        cpuPerAlertMs: (1000 * cpu.seconds[0]) / Math.max(1, rps * perRequest * DURATION),
      });
    });
  });
}

async function throughputPhase(fakes, am) {
  const st = await startSightline('st', { evalMs: 10_000, tenants: ['quiet'], route: BULK_ROUTE }, fakes);
  const samplers = {
    sl1: await startPgActivitySampler(ADMIN_DB, st.db.name),
    sl10: await startPgActivitySampler(ADMIN_DB, st.db.name),
  };
  for (const x of Object.values(samplers)) x.pause();
  const targets = { am: am.url, sl: st.url };
  const pids = { am: am.child.pid, sl: st.child.pid };
  const configs = ['am1', 'sl1', 'am10', 'sl10'];
  const runOne = async (c, tag) => {
    const sys = c.slice(0, 2);
    samplers[c]?.resume();
    const res = await wrk(targets[sys], Number(c.slice(2)), `${c}${tag}`, pids[sys]);
    samplers[c]?.pause();
    // Requests wrk gave up on are still queued in the server; the next configuration must not pay for them.
    res.settleS = sys === 'sl' ? await settle(st.db.name) : 0;
    return res;
  };
  log(
    `throughput: warm-up, then ${ROUNDS} rounds × 4 configurations × ${DURATION} s, wrk -t1 -c${CONNECTIONS}`,
  );
  for (const c of configs) await runOne(c, 'w');
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const res = {};
    for (let i = 0; i < configs.length; i++) {
      const c = configs[(i + r) % configs.length];
      res[c] = await runOne(c, `r${r}`);
    }
    rounds.push(res);
    log(
      `round ${r + 1} (machine ${fmt(100 * median(configs.map((c) => res[c].machineBusy)))} % busy): ${configs.map((c) => `${c}=${res[c].alertsPerS.toFixed(0)} alerts/s p99 ${fmt(res[c].p99ms, 1)}ms${res[c].non2xx + res[c].socketErrors ? ` (${res[c].non2xx} non-2xx, ${res[c].socketErrors} socket errors)` : ''}`).join('  ')}`,
    );
  }
  const activity = { sl1: await samplers.sl1.stop(), sl10: await samplers.sl10.stop() };
  await stopChild(st.child);
  const dbStats = await databaseStats(st.db.name);
  const probe = await probeEngineQueries(st.db.url);
  return { rounds, activity, probe, dbStats, deadlocksLogged: st.child.deadlocks };
}

// ---- 3. keep-up at a fixed rate ---------------------------------------------------------------------------------

/** settle waits (at most 60 s) until the database has no busy backend twice in a row and returns how long it took. */
async function settle(dbName) {
  const t0 = Date.now();
  let quiet = 0;
  while (quiet < 2 && Date.now() - t0 < 60_000) {
    const { rows } = await admin.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state IS NOT NULL AND state <> 'idle'
         AND coalesce(application_name, '') NOT LIKE 'bench-%'`,
      [dbName],
    );
    quiet = rows[0].n === 0 ? quiet + 1 : 0;
    await sleep(200);
  }
  return (Date.now() - t0) / 1000;
}

/** scrape reads the flush outcomes and the notification latency from the service's /metrics. */
async function scrape(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  // Label order is prom-client's (the registry adds service="alerting"), so labels are matched anywhere in the set.
  const series = (name) =>
    [...text.matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`, 'gm'))].map((m) => ({
      labels: Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]])),
      value: Number(m[2]),
    }));
  const flushes = Object.fromEntries(
    series('sightline_alerts_group_flushes_total').map((x) => [x.labels.outcome, x.value]),
  );
  const pd = (name) => series(name).find((x) => x.labels.integration === 'pagerduty')?.value ?? NaN;
  const count = pd('sightline_alerts_notification_latency_seconds_count');
  return {
    flushes,
    notifications: count,
    meanNotifyS: pd('sightline_alerts_notification_latency_seconds_sum') / count,
  };
}

/** databaseStats reads the database's own counters (Postgres keeps them per database). */
async function databaseStats(name) {
  await sleep(1000); // backends report their counters to the shared statistics at most once a second
  const { rows } = await admin.query(
    `SELECT xact_commit::int AS commits, xact_rollback::int AS rollbacks, deadlocks::int AS deadlocks
     FROM pg_stat_database WHERE datname = $1`,
    [name],
  );
  return rows[0];
}

async function backlog(c) {
  const { rows } = await c.query(
    `SELECT
       (SELECT count(*) FROM alerting.alert_groups WHERE next_flush_at < now() - interval '2 seconds')::int AS overdue,
       (SELECT greatest(0, coalesce(extract(epoch FROM now() - min(next_flush_at)), 0))
          FROM alerting.alert_groups WHERE next_flush_at IS NOT NULL)::float8 AS lag_s,
       (SELECT count(*) FROM alerting.notifications WHERE status = 'pending')::int AS pending,
       (SELECT count(*) FROM alerting.alert_groups)::int AS groups`,
  );
  return rows[0];
}

/** caughtUp says whether every group paged and its latest page counts every alert the group holds. */
async function caughtUp(c, pd, key) {
  const { rows } = await c.query(
    `SELECT g.dedup_key, g.state, count(ga.fingerprint)::int AS n
     FROM alerting.alert_groups g LEFT JOIN alerting.group_alerts ga ON ga.group_id = g.id GROUP BY 1, 2`,
  );
  const latest = new Map();
  const triggered = new Set();
  for (const e of pd.events) {
    if (e.key !== key) continue;
    latest.set(e.dedupKey, e);
    if (e.action === 'trigger') triggered.add(e.dedupKey);
  }
  const unpaged = rows.filter((r) => !triggered.has(r.dedup_key)).length;
  const stale = rows.filter((r) => latest.get(r.dedup_key)?.alertsTotal !== r.n).length;
  return { groups: rows.length, unpaged, stale };
}

function runGenerator(url, runId, onSendDone) {
  return new Promise((resolve, reject) => {
    const child = start('generator', process.execPath, [join(here, 'generator.mjs')], {
      TARGET_URL: `${url}/api/v2/alerts`,
      TOKEN,
      RATE_PER_MIN: String(KEEPUP_PER_MIN),
      DURATION_S: String(KEEPUP_S),
      TENANTS: String(TENANTS),
      RUN_ID: runId,
    });
    child.expectedExit = true;
    child.stdout.on('data', (d) => {
      if (String(d).includes('"send-done"')) onSendDone();
    });
    child.on('exit', (code) => {
      const line = child.tail().trim().split('\n').pop();
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`generator exited ${code}: ${child.tail().slice(-800)}`));
      }
    });
  });
}

async function keepUpPhase(fakes) {
  const sk = await startSightline('sk', { evalMs: 10_000, tenants: ['quiet'], route: BULK_ROUTE }, fakes);
  const c = new pg.Client({ connectionString: sk.db.url, application_name: 'bench-monitor' });
  await c.connect();
  const sampler = await startPgActivitySampler(ADMIN_DB, sk.db.name);
  try {
    log(
      `keep-up: ${KEEPUP_PER_MIN} alerts/min for ${KEEPUP_S} s (node open-loop generator, 1 alert per POST)`,
    );
    const series = [];
    let generating = true;
    let sendDoneAt = null;
    const t0 = Date.now();
    const meter = startCpuMeter([sk.child.pid]);
    const gen = runGenerator(sk.url, 'keepup', () => (sendDoneAt = Date.now())).finally(
      () => (generating = false),
    );
    gen.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
    let sampledAt = t0;
    while (generating && sendDoneAt === null) {
      await sleep(100);
      if (Date.now() - sampledAt < 2000) continue;
      sampledAt = Date.now();
      const b = await backlog(c);
      series.push({ t: (Date.now() - t0) / 1000, ...b });
      if (series.length % 5 === 0)
        log(
          `  t=${series.at(-1).t.toFixed(0)}s overdue=${b.overdue} lag=${b.lag_s.toFixed(1)}s pending=${b.pending} groups=${b.groups}`,
        );
    }
    const cpu = meter.stop();
    const stoppedAt = sendDoneAt ?? Date.now();
    const atStop = await backlog(c);
    // Drained: every POST answered, no overdue flush, no pending notification. Caught up: besides, every group paged
    // and its latest page counts all its alerts (which needs one more group_interval after the last alert).
    let drainedS = NaN;
    let caughtUpS = NaN;
    let last = null;
    while (Date.now() - stoppedAt < DRAIN_BOUND_S * 1000) {
      const b = await backlog(c);
      const u = await caughtUp(c, fakes.pd, KEY.sk);
      last = { ...b, ...u };
      const elapsed = (Date.now() - stoppedAt) / 1000;
      const drained = !generating && b.overdue === 0 && b.pending === 0;
      if (!Number.isFinite(drainedS) && drained) drainedS = elapsed;
      if (drained && u.unpaged === 0 && u.stale === 0) {
        caughtUpS = elapsed;
        break;
      }
      await sleep(250);
    }
    const generator = await gen;
    const stored = Number(
      (await c.query(`SELECT count(*) FROM alerting.alerts WHERE labels->>'alertname' = 'BenchKeepUp'`))
        .rows[0].count,
    );
    const metrics = await scrape(sk.url);
    const activity = await sampler.stop();
    await c.end();
    await stopChild(sk.child);
    const dbStats = await databaseStats(sk.db.name);
    const probe = await probeEngineQueries(sk.db.url);
    return {
      series,
      generator,
      atStop,
      drainedS,
      caughtUpS,
      last,
      stored,
      activity,
      probe,
      dbStats,
      cpu,
      metrics,
      deadlocksLogged: sk.child.deadlocks,
    };
  } catch (err) {
    await sampler.stop().catch(() => undefined);
    await c.end().catch(() => undefined);
    throw err;
  }
}

// ---- report -----------------------------------------------------------------------------------------------------

function activityLines(activity, n = 6) {
  return activity.top
    .slice(0, n)
    .map(
      (t) =>
        `| ${t.busy.toFixed(2)} | \`${t.query.replace(/\|/g, '\\|')}\` | ${t.waits.join(', ') || 'CPU'} |`,
    );
}

function amVersion() {
  const r = spawnSync(AM_BIN, ['--version'], { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`;
}

function report(lat, thr, keep, violations) {
  const date = new Date().toISOString().slice(0, 10);
  const L = lat.rounds;
  const ratioLat = median(L.map((r) => r.sl / r.am));
  const s10e = L.map((r) => r.slo10.eventToPd);
  const s10f = L.map((r) => r.slo10.flipToPd);
  const s1e = L.map((r) => r.slo1.eventToPd);
  const s1f = L.map((r) => r.slo1.flipToPd);
  const mark = (ms) => (Number.isFinite(ms) ? (ms <= 5000 ? ' ✓' : ' ✗') : ' ✗');
  const sec = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '—');
  const T = thr.rounds;
  const tv = (c) => median(T.map((r) => r[c].alertsPerS));
  const tp = (c) => median(T.map((r) => r[c].p99ms));
  const tc = (c) => median(T.map((r) => r[c].cpuPerAlertMs));
  const tratio = (n) => median(T.map((r) => r[`sl${n}`].alertsPerS / r[`am${n}`].alertsPerS));
  const target = KEEPUP_PER_MIN / 60;
  const tErrors = ['am1', 'sl1', 'am10', 'sl10'].filter((c) =>
    T.some((r) => r[c].non2xx || r[c].socketErrors),
  );
  const g = keep.generator;
  const overdue = keep.series.map((s) => s.overdue);
  const lags = keep.series.map((s) => s.lag_s);
  const onSchedule = g.ok / Math.max(1, g.due);
  const keepOk =
    onSchedule >= 0.99 &&
    median(overdue) === 0 &&
    max(overdue) <= TENANTS / 10 &&
    keep.last?.unpaged === 0 &&
    Number.isFinite(keep.caughtUpS) &&
    keep.stored === g.ok;
  const lines = [
    `### Alerting — ${date}`,
    '',
    `Command: \`npm run bench -- alerting\` (ROUNDS=${ROUNDS}, LAT_SAMPLES=${LAT_SAMPLES}, DURATION_S=${DURATION}, CONNECTIONS=${CONNECTIONS}, KEEPUP_S=${KEEPUP_S}, KEEPUP_PER_MIN=${KEEPUP_PER_MIN}; ${os.cpus().length}-core machine (load average ${loadAtStart.map((x) => x.toFixed(1)).join(' / ')} at the start) shared with wrk, Postgres, Alertmanager ${amVersion().match(/version (\S+)/)?.[1] ?? ''} and the fakes). Sightline: \`alerting/dist/main.js\` on a fresh database per instance, ALERT_TICK_MS and OUTBOX_POLL_MS at their defaults (250), PagerDuty = a local fake answering 202, collector = a local fake serving \`/internal/v1/rollups/:tenant/windows\`. Latency routes: group_wait 0 s, group_interval 1 s on both systems; throughput routes: group_wait ${BULK_ROUTE.groupWaitSeconds} s, group_interval ${BULK_ROUTE.groupIntervalSeconds} s, grouped by alertname + tenant (Sightline's default group_by also holds slo and severity, constant here), Alertmanager's webhook capped at 20 alerts per notification like Sightline's PagerDuty event.`,
    '',
    '**Latency** (per round: one SLO breach per evaluation interval, on a tenant not yet breaching, flipped at a uniformly random phase of the evaluation loop):',
    '',
    '| measurement | median | worst | target |',
    '|---|---|---|---|',
    `| SLO alert event \`createdAt\` → PagerDuty, EVAL_INTERVAL_MS=${DEFAULT_EVAL_MS} (the default) | ${sec(median(s10e))} s | ${sec(max(s10e))} s | ≤ 5 s${mark(max(s10e))} |`,
    `| collector starts breaching → PagerDuty, EVAL_INTERVAL_MS=${DEFAULT_EVAL_MS} (the default) | ${sec(median(s10f))} s | ${sec(max(s10f))} s | ≤ 5 s${mark(median(s10f))} median,${mark(max(s10f))} worst |`,
    `| SLO alert event \`createdAt\` → PagerDuty, EVAL_INTERVAL_MS=1000 | ${sec(median(s1e))} s | ${sec(max(s1e))} s | ≤ 5 s${mark(max(s1e))} |`,
    `| collector starts breaching → PagerDuty, EVAL_INTERVAL_MS=1000 | ${sec(median(s1f))} s | ${sec(max(s1f))} s | ≤ 5 s${mark(max(s1f))} |`,
    `| POST /api/v2/alerts → webhook, Alertmanager (median of ${LAT_SAMPLES} per round) | ${fmt(median(L.map((r) => r.am)))} ms | ${fmt(max(L.map((r) => r.am)))} ms | — |`,
    `| POST /api/v2/alerts → PagerDuty, Sightline (median of ${LAT_SAMPLES} per round) | ${fmt(median(L.map((r) => r.sl)))} ms | ${fmt(max(L.map((r) => r.sl)))} ms | — |`,
    `| Sightline / Alertmanager, median of same-round ratios | ${ratioLat.toFixed(2)} | | — |`,
    '',
    Object.values(lat.missed).some((n) => n > 0)
      ? `Probes that got no notification within their bound: ${Object.entries(lat.missed)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}.`
      : 'Every probe got its notification.',
    '',
    `**Intake throughput** (wrk -t1 -c${CONNECTIONS}, ${DURATION} s per run, every alert new, ${TENANTS} tenants; alerts/s = requests/s × alerts per request):`,
    '',
    '| body | Alertmanager alerts/s | Sightline alerts/s | Sightline / Alertmanager (median of same-round ratios) | p99 AM / Sightline | CPU ms per alert AM / Sightline (process only) | target ≥ 167 alerts/s (10,000/min) |',
    '|---|---|---|---|---|---|---|',
    ...[1, 10].map(
      (n) =>
        `| ${n} alert${n > 1 ? 's' : ''} | ${fmt(tv(`am${n}`))} | ${fmt(tv(`sl${n}`))} | ${tratio(n).toFixed(2)} | ${fmt(tp(`am${n}`), 1)} ms / ${fmt(tp(`sl${n}`), 1)} ms | ${fmt(tc(`am${n}`), 2)} / ${fmt(tc(`sl${n}`), 2)} | ${tv(`sl${n}`) >= target ? '✓' : '✗'} |`,
    ),
    '',
    tErrors.length
      ? `Configurations with non-2xx answers or socket errors: ${tErrors.join(', ')} (see the round lines).`
      : 'Every request was answered 2xx.',
    `After each Sightline run the bench waited for its database to go idle (requests wrk had given up on were still being served) before the next run: median ${fmt(median(T.map((r) => r.sl1.settleS)), 1)} s after 1-alert runs, ${fmt(median(T.map((r) => r.sl10.settleS)), 1)} s (worst ${fmt(max(T.map((r) => r.sl10.settleS)), 1)} s) after 10-alert runs.`,
    `After the rounds Sightline held ${thr.probe.sizes.alerts} alerts in ${thr.probe.sizes.groups} groups (${thr.probe.sizes.notifications} notifications); its database counted ${thr.dbStats.commits} commits (${(thr.dbStats.commits / Math.max(1, thr.probe.sizes.alerts)).toFixed(1)} per stored alert, the engine's timer and outbox passes included), ${thr.dbStats.rollbacks} rollbacks and ${thr.dbStats.deadlocks} deadlocks; the service logged ${thr.deadlocksLogged} \`deadlock detected\` (40P01) errors. Machine CPU busy during the runs (everything, wrk included): median ${fmt(100 * median(T.flatMap((r) => Object.values(r).map((x) => x.machineBusy))))} %; load average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')}.`,
    '',
    `**Keep-up** (node open-loop generator \`bench/alerting/generator.mjs\`, one alert per POST, ${KEEPUP_PER_MIN} alerts/min for ${KEEPUP_S} s over ${TENANTS} tenants, backlog sampled every 2 s; overdue = \`SELECT count(*) FROM alerting.alert_groups WHERE next_flush_at < now() - interval '2 seconds'\`):`,
    '',
    '| measurement | value |',
    '|---|---|',
    `| alerts due / sent on schedule / answered 200 | ${g.due} / ${g.sent} / ${g.ok} (${(100 * onSchedule).toFixed(1)} %; ${g.failed} failed, ${g.skipped} skipped because 256 POSTs were already in flight) |`,
    `| POST latency p50 / p99 / max | ${fmt(g.p50ms, 1)} / ${fmt(g.p99ms, 1)} / ${fmt(g.maxMs, 0)} ms |`,
    `| alerts stored | ${keep.stored} |`,
    `| Sightline process CPU during the run / machine busy | ${fmt((100 * keep.cpu.seconds[0]) / g.sendSeconds)} % of one core / ${fmt(100 * keep.cpu.machineBusy)} % of all cores |`,
    `| database commits per stored alert / deadlocks | ${(keep.dbStats.commits / Math.max(1, keep.stored)).toFixed(1)} / ${keep.dbStats.deadlocks} |`,
    `| group flushes (sightline_alerts_group_flushes_total) | ${Object.entries(keep.metrics.flushes)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}; at group_interval ${BULK_ROUTE.groupIntervalSeconds} s ${TENANTS} groups would flush about ${Math.round((TENANTS * KEEPUP_S) / BULK_ROUTE.groupIntervalSeconds)} times |`,
    `| PagerDuty notifications, mean time from decided to delivered | ${keep.metrics.notifications}, ${fmt(1000 * keep.metrics.meanNotifyS)} ms |`,
    `| groups with an overdue flush during the run: median / max | ${fmt(median(overdue))} / ${fmt(max(overdue))} of ${keep.atStop.groups} |`,
    `| oldest due flush late by, during the run: median / max | ${fmt(median(lags), 1)} / ${fmt(max(lags), 1)} s |`,
    `| backlog when the generator's schedule ended | ${keep.atStop.overdue} overdue groups (oldest due flush ${fmt(keep.atStop.lag_s, 1)} s late), ${keep.atStop.pending} pending notifications, ${g.unansweredAtSendEnd} POSTs unanswered |`,
    `| time to drain after the schedule ended (every POST answered, no overdue group, no pending notification) | ${Number.isFinite(keep.drainedS) ? `${keep.drainedS.toFixed(1)} s` : `not within ${DRAIN_BOUND_S} s`} |`,
    `| time until every group paged and its latest page counts all its alerts | ${Number.isFinite(keep.caughtUpS) ? `${keep.caughtUpS.toFixed(1)} s` : `not within ${DRAIN_BOUND_S} s (${keep.last?.unpaged} groups never paged, ${keep.last?.stale} behind)`} |`,
    `| keeps up at 10,000 alerts/min (≥ 99 % of due alerts answered 200, median overdue 0, max ≤ ${TENANTS / 10}, every group paged, every alert stored) | ${keepOk ? '✓' : '✗'} |`,
    '',
    violations.length
      ? `The PagerDuty fake refused ${violations.length} events: ${[...new Set(violations)].slice(0, 3).join('; ')}.`
      : 'The PagerDuty fake accepted every event against its contract checks.',
    '',
    `Where Sightline's database time went (pg_stat_activity sampled every 100 ms; busy = mean backends in the statement, of a pool of 10): wrk runs with 1 alert per request (${thr.activity.sl1.samples} samples):`,
    '',
    '| busy | statement | top waits |',
    '|---|---|---|',
    ...activityLines(thr.activity.sl1, 4),
    '',
    `wrk runs with 10 alerts per request (${thr.activity.sl10.samples} samples):`,
    '',
    '| busy | statement | top waits |',
    '|---|---|---|',
    ...activityLines(thr.activity.sl10, 4),
    '',
    `Keep-up run (${keep.activity.samples} samples):`,
    '',
    '| busy | statement | top waits |',
    '|---|---|---|',
    ...activityLines(keep.activity),
    '',
    `The engine's recurring queries, EXPLAIN ANALYZE (best of 3) on the throughput database (${thr.probe.sizes.alerts} alerts, ${thr.probe.sizes.firing} firing) and on the keep-up one (${keep.probe.sizes.alerts} alerts):`,
    '',
    '| query | ms (throughput db) | ms (keep-up db) | scans (throughput db) |',
    '|---|---|---|---|',
    ...thr.probe.results.map(
      (p, i) =>
        `| ${p.name} | ${p.ms.toFixed(2)} | ${keep.probe.results[i].ms.toFixed(2)} | ${p.scans.join('; ')} |`,
    ),
    '',
  ];
  return lines;
}

// ---- main -------------------------------------------------------------------------------------------------------

async function cleanup() {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map((c) => stopChild(c).catch(() => undefined)));
  await Promise.all(servers.map((s) => s.close().catch(() => undefined)));
  if (admin) {
    for (const d of databases)
      await admin
        .query(`DROP DATABASE IF EXISTS "${d}" WITH (FORCE)`)
        .catch((err) => log(`drop ${d}: ${err.message}`));
    await admin.end().catch(() => undefined);
  }
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
}

async function main() {
  if (spawnSync('wrk', ['--version']).error) throw new Error('wrk is not installed (apt-get install wrk)');
  if (spawnSync(AM_BIN, ['--version']).error)
    throw new Error(
      `${AM_BIN} is not installed (apt-get install prometheus-alertmanager, or set ALERTMANAGER)`,
    );
  const build = spawnSync(
    process.execPath,
    [join(root, 'scripts', 'build.mjs'), 'alerting', '--no-dashboard'],
    { stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error('build failed');

  admin = new pg.Client({ connectionString: ADMIN_DB });
  await admin.connect();
  const fakes = {
    pd: await startFakePagerDuty(P.pd),
    collector: await startFakeCollector(P.collector, TOKEN, root),
    recorder: await startWebhookRecorder(P.recorder),
  };
  servers.push(fakes.pd, fakes.collector, fakes.recorder);
  const am = await startAlertmanager(fakes.recorder.url);

  const started = Date.now();
  const lat = await latencyPhase(fakes, am);
  log(`latency phase took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const thr = await throughputPhase(fakes, am);
  log(`throughput phase done at ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await stopChild(am.child);
  const keep = await keepUpPhase(fakes);
  log(`keep-up phase done at ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const lines = report(lat, thr, keep, fakes.pd.violations);
  process.stdout.write(lines.join('\n') + '\n');
  const results = process.env.RESULTS_FILE ?? join(root, 'bench', 'RESULTS.md');
  if (!existsSync(results))
    writeFileSync(
      results,
      '# Benchmark results\n\nRatios are medians of same-round ratios; see each section for the command.\n\n',
    );
  appendFileSync(results, lines.join('\n') + '\n');
}

const bound = setTimeout(() => {
  process.stderr.write(`[bench] failed: over MAX_RUNTIME_S=${MAX_RUNTIME_S} s\n`);
  void cleanup().finally(() => process.exit(1));
}, MAX_RUNTIME_S * 1000);
// Last resort when the process dies without cleanup (an uncaught error, a closed stdout): no child outlives it.
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
process.stdout.on('error', () => undefined);
for (const sig of ['SIGINT', 'SIGTERM'])
  process.once(sig, () => {
    void cleanup().finally(() => process.exit(130));
  });

main()
  .then(async () => {
    await cleanup();
    clearTimeout(bound);
  })
  .catch(async (err) => {
    process.stderr.write(`[bench] failed: ${err.stack ?? err}\n`);
    await cleanup();
    process.exit(1);
  });
