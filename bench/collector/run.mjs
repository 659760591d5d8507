// Collector benchmark (issue 4), on fresh databases, everything on loopback:
//   1. ingest: OTLP protobuf batches of 512 spans POSTed to /v1/traces over CONNECTIONS keep-alive connections for
//      DURATION_S per round, the collector (collector/dist/main.js) alternating with bareReceiver.mjs (protobufjs
//      decode + COPY of 11 columns into a table with two indexes, 200 after commit) over ROUNDS rounds. Spans/s per
//      core = spans acknowledged ÷ (CPU seconds of the receiver process + of the Postgres backends of its database);
//      the ratio quoted is the median of same-round ratios (the machine's speed drifts minute to minute).
//   2. log search: LOG_ROWS log rows for LOG_TENANTS tenants over 7 days loaded into the collector's own schema
//      (stopping early, and saying so, after LOAD_BUDGET_S), ANALYZE, then QUERIES requests each of
//      GET /internal/v1/logs (tenant + 1 h + text) and GET /internal/v1/traces/:id, one at a time; p50/p99.
// Usage: npm run bench -- collector
//   (env: ROUNDS=6 DURATION_S=8 CONNECTIONS=16 LOG_ROWS=10000000 LOG_TENANTS=8 LOAD_BUDGET_S=660 QUERIES=200
//    MAX_RUNTIME_S=1200 RESULTS_FILE=bench/RESULTS.md)
//   While iterating on ingest: SEARCH=0 skips part 2, and CPU_PROF_DIR=/tmp/cprof starts the collector under
//   `node --cpu-prof` (profile written there when it stops; sum it with bench/gateway/profileSummary.mjs), e.g.
//   SEARCH=0 ROUNDS=2 RESULTS_FILE=/tmp/collector-bench.md node bench/collector/run.mjs
//   The collector bundle is rebuilt whenever collector/src or packages/ is newer than it; COLLECTOR_BUNDLE=path runs
//   another build instead (e.g. one of an earlier commit, to compare before and after against the same baseline).
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startCpuSampler } from './cpuSampler.mjs';
import { runLoad } from './loadGenerator.mjs';
import { ensureLogPartitions, loadLogs, TEXT_TERMS, timeRequests } from './logSearch.mjs';
import { makeBatchSource } from './spanBatches.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const DURATION = Number(process.env.DURATION_S ?? 8);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 16);
const LOG_ROWS = Number(process.env.LOG_ROWS ?? 10_000_000);
const LOG_TENANTS = Number(process.env.LOG_TENANTS ?? 8);
const LOAD_BUDGET_S = Number(process.env.LOAD_BUDGET_S ?? 660);
const QUERIES = Number(process.env.QUERIES ?? 200);
const MAX_RUNTIME_S = Number(process.env.MAX_RUNTIME_S ?? 1200);
const RESULTS_FILE = process.env.RESULTS_FILE ?? join(root, 'bench', 'RESULTS.md');
const SEARCH = process.env.SEARCH !== '0';
const CPU_PROF_DIR = process.env.CPU_PROF_DIR;
const ADMIN_DB = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOKEN = 'bench-internal-token-0123456789';
const PORT = { collector: 19501, bare: 19502 };
const CHUNK_ROWS = 250_000;
const TENANTS = Array.from({ length: LOG_TENANTS }, (_, i) => `tenant-${i}`);

const log = (m) => process.stdout.write(`[bench] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, d = 0) =>
  Number.isFinite(x)
    ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
    : '—';

const children = [];
const databases = [];
const tempDirs = [];
let admin = null;
let stopping = false;
const loadAtStart = os.loadavg();
const t0 = Date.now();

function start(name, args, env) {
  if (stopping) throw new Error('the benchmark is stopping');
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (d) => (tail = (tail + d).slice(-4000));
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
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  throw new Error(`${url} not ready: ${child.tail().slice(-1500)}`);
}
async function createDatabase(tag) {
  const name = `sl_bench_collector_${tag}_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  databases.push(name);
  const url = new URL(ADMIN_DB);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

function newestMtime(...dirs) {
  let newest = 0;
  for (const dir of dirs)
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
    }
  return newest;
}

async function cleanup() {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map(stopChild));
  for (const name of databases) {
    await admin
      ?.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      .catch((err) => log(`drop ${name}: ${err.message}`));
  }
  await admin?.end().catch(() => undefined);
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}
process.on('SIGINT', () => {
  log('SIGINT: cleaning up');
  void cleanup().then(() => process.exit(130));
});
process.on('SIGTERM', () => void cleanup().then(() => process.exit(143)));
const deadline = setTimeout(() => {
  log(`MAX_RUNTIME_S ${MAX_RUNTIME_S} reached: writing what was measured, then cleaning up`);
  writeResults(true);
  void cleanup().then(() => process.exit(2));
}, MAX_RUNTIME_S * 1000);

const result = { rounds: [], search: null, loaded: 0, loadSeconds: 0, machineBusy: [] };
let written = false;

async function ingestRound(target, source) {
  const sampler = await startCpuSampler(ADMIN_DB, target.db.name, target.child.pid);
  const load = await runLoad(`${target.base}/v1/traces`, source, {
    connections: CONNECTIONS,
    durationMs: DURATION * 1000,
  });
  const cpu = await sampler.stop();
  const cores = cpu.processS + cpu.postgresS;
  return {
    ...load,
    ...cpu,
    rate: load.spans / load.seconds,
    perCore: load.spans / cores,
  };
}

async function main() {
  admin = new pg.Client({ connectionString: ADMIN_DB, application_name: 'bench-collector-admin' });
  await admin.connect();
  const bundle = process.env.COLLECTOR_BUNDLE ?? join(root, 'collector', 'dist', 'main.js');
  if (
    !process.env.COLLECTOR_BUNDLE &&
    (!existsSync(bundle) ||
      newestMtime(join(root, 'collector', 'src'), join(root, 'packages')) > statSync(bundle).mtimeMs)
  ) {
    log('building collector/dist/main.js');
    const b = spawnSync(process.execPath, ['scripts/build.mjs', '--no-dashboard', 'collector'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (b.status !== 0) throw new Error('collector build failed');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-bench-collector-'));
  tempDirs.push(dataDir);

  const cdb = await createDatabase('c');
  const collector = {
    name: 'collector',
    db: cdb,
    base: `http://127.0.0.1:${PORT.collector}`,
    child: start(
      'collector',
      [...(CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : []), bundle],
      {
        DATABASE_URL: cdb.url,
        INTERNAL_TOKEN: TOKEN,
        COLLECTOR_PORT: String(PORT.collector),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        QUEUE_DIR: join(dataDir, 'queue'),
        ARCHIVE_DIR: join(dataDir, 'archive'),
        // The loaded logs span 7 days back; retention must not archive any of them mid-run.
        RETENTION_DAYS: '30',
      },
    ),
  };
  await ready(`${collector.base}/readyz`, collector.child);
  const bdb = await createDatabase('b');
  const bare = {
    name: 'bare',
    db: bdb,
    base: `http://127.0.0.1:${PORT.bare}`,
    child: start('bare', [join(here, 'bareReceiver.mjs')], {
      DATABASE_URL: bdb.url,
      PORT: String(PORT.bare),
    }),
  };
  await ready(`${bare.base}/`, bare.child);

  const source = makeBatchSource({ tenants: TENANTS });
  log(
    `warm-up 3 s each, then ${ROUNDS} rounds × (collector, bare) × ${DURATION} s, ${CONNECTIONS} connections`,
  );
  for (const t of [collector, bare])
    await runLoad(`${t.base}/v1/traces`, source, { connections: CONNECTIONS, durationMs: 3000 });
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate which goes first, so neither always runs on the warmer (or more loaded) half of a round.
    const order = r % 2 === 0 ? [collector, bare] : [bare, collector];
    const round = {};
    for (const t of order) round[t.name] = await ingestRound(t, source);
    result.rounds.push(round);
    const line = (x) =>
      `${fmt(x.rate)} spans/s, ${fmt(x.perCore)}/core (proc ${x.processS.toFixed(1)} s + pg ${x.postgresS.toFixed(1)} s over ${x.backends} backends; non-2xx ${x.non2xx}, errors ${x.errors}; machine ${Math.round(100 * x.machineBusy)} % busy)`;
    log(`round ${r + 1}: collector ${line(round.collector)}`);
    log(`round ${r + 1}: bare      ${line(round.bare)}`);
  }
  await stopChild(bare.child);
  if (!SEARCH) return;

  // Log search on the collector's own database (which also holds the spans ingested above).
  const db = new pg.Client({ connectionString: cdb.url, application_name: 'bench-collector-loader' });
  await db.connect();
  const now = Date.now();
  await ensureLogPartitions(db, now, 8);
  const loadStart = Date.now();
  log(`loading up to ${fmt(LOG_ROWS)} log rows (budget ${LOAD_BUDGET_S} s)`);
  for (let first = 1; first <= LOG_ROWS; first += CHUNK_ROWS) {
    if ((Date.now() - loadStart) / 1000 > LOAD_BUDGET_S) {
      log(`load budget reached at ${fmt(result.loaded)} rows`);
      break;
    }
    const last = Math.min(LOG_ROWS, first + CHUNK_ROWS - 1);
    await loadLogs(db, { first, last, now, tenants: LOG_TENANTS });
    result.loaded = last;
    result.loadSeconds = (Date.now() - loadStart) / 1000;
    if ((last / CHUNK_ROWS) % 4 === 0) log(`  ${fmt(last)} rows, ${result.loadSeconds.toFixed(0)} s`);
  }
  await db.query('ANALYZE collector.logs');
  await db.query('ANALYZE collector.spans');
  result.loadSeconds = (Date.now() - loadStart) / 1000;
  const { rows: spanTraces } = await db.query(
    `SELECT DISTINCT trace_id FROM collector.spans TABLESAMPLE SYSTEM (1) LIMIT ${Math.ceil(QUERIES / 2)}`,
  );
  await db.end();
  // Log trace ids are md5(g / 16) for g % 4 = 0 (see logSearch.mjs), so any g / 16 below the rows loaded exists.
  const { createHash } = await import('node:crypto');
  const logTraces = Array.from({ length: QUERIES - spanTraces.length }, (_, i) => {
    const k = Math.floor(((i * 7919 + 13) % Math.max(1, Math.floor(result.loaded / 16))) + 1);
    return createHash('md5').update(String(k)).digest('hex');
  });
  const tracePaths = [...spanTraces.map((r) => r.trace_id), ...logTraces].map(
    (id) => `/internal/v1/traces/${id}`,
  );
  const searchPaths = Array.from({ length: QUERIES }, (_, i) => {
    const to = now - ((i * 104_729) % (7 * 86_400_000 - 3_600_000));
    const q = new URLSearchParams({
      tenant: TENANTS[i % TENANTS.length],
      from: new Date(to - 3_600_000).toISOString(),
      to: new Date(to).toISOString(),
      q: TEXT_TERMS[i % TEXT_TERMS.length],
    });
    return `/internal/v1/logs?${q}`;
  });
  log(`timing ${QUERIES} log searches and ${QUERIES} trace lookups (after 20 warm-up requests each)`);
  await timeRequests(collector.base, TOKEN, searchPaths.slice(0, 20), () => 0);
  await timeRequests(collector.base, TOKEN, tracePaths.slice(0, 20), () => 0);
  const search = await timeRequests(collector.base, TOKEN, searchPaths, (b) => b.logs.length);
  const trace = await timeRequests(collector.base, TOKEN, tracePaths, (b) => b.spans.length + b.logs.length);
  result.search = { search, trace };
  log(
    `log search: p50 ${search.p50.toFixed(1)} ms, p99 ${search.p99.toFixed(1)} ms, max ${search.max.toFixed(1)} ms, statuses ${JSON.stringify(search.statuses)}, mean rows ${search.meanRows.toFixed(1)}`,
  );
  log(
    `trace by id: p50 ${trace.p50.toFixed(1)} ms, p99 ${trace.p99.toFixed(1)} ms, max ${trace.max.toFixed(1)} ms, statuses ${JSON.stringify(trace.statuses)}, mean rows ${trace.meanRows.toFixed(1)}`,
  );
}

function writeResults(partial) {
  if (written) return;
  written = true;
  const rs = result.rounds;
  const loadNow = os.loadavg();
  const lines = [
    '',
    `### Collector ingest and log search — ${new Date().toISOString().slice(0, 10)}${partial ? ' (stopped at MAX_RUNTIME_S; partial)' : ''}`,
    '',
    `Command: \`npm run bench -- collector\` (ROUNDS=${ROUNDS}, DURATION_S=${DURATION}, CONNECTIONS=${CONNECTIONS}, ${SEARCH ? `LOG_ROWS=${LOG_ROWS}, LOAD_BUDGET_S=${LOAD_BUDGET_S}, QUERIES=${QUERIES}` : 'SEARCH=0'}; ${os.cpus().length}-core machine shared with the load generator and other work; load average ${loadAtStart.map((x) => x.toFixed(1)).join('/')} at start, ${loadNow.map((x) => x.toFixed(1)).join('/')} at the end).`,
    '',
  ];
  if (rs.length > 0) {
    const med = (k, f) => median(rs.map((r) => f(r[k])));
    const ratioPerCore = median(rs.map((r) => r.collector.perCore / r.bare.perCore));
    const ratioRate = median(rs.map((r) => r.collector.rate / r.bare.rate));
    lines.push(
      'Ingest: OTLP protobuf, 512 spans per batch (about 390 bytes per span on the wire, 8 attributes per span, ids unique per batch), POST /v1/traces; per core = spans acknowledged ÷ (receiver process + Postgres backends of its database) CPU seconds.',
      '',
      '| receiver | median spans/s | median spans/s per core | median CPU s per round (process + Postgres) | target |',
      '|---|---|---|---|---|',
      `| collector (dist/main.js) | ${fmt(med('collector', (x) => x.rate))} | ${fmt(med('collector', (x) => x.perCore))} | ${med('collector', (x) => x.processS).toFixed(1)} + ${med('collector', (x) => x.postgresS).toFixed(1)} | ≥ 30,000/core ${med('collector', (x) => x.perCore) >= 30_000 ? '✓' : '✗'} |`,
      `| bare receiver (protobufjs decode + COPY 11 columns, 2 indexes) | ${fmt(med('bare', (x) => x.rate))} | ${fmt(med('bare', (x) => x.perCore))} | ${med('bare', (x) => x.processS).toFixed(1)} + ${med('bare', (x) => x.postgresS).toFixed(1)} | — |`,
      '',
      `Median of same-round ratios, collector/bare: spans/s per core ${ratioPerCore.toFixed(2)}, spans/s ${ratioRate.toFixed(2)} (${rs.length} rounds). Per round (collector vs bare, spans/s per core): ${rs.map((r) => `${fmt(r.collector.perCore)} vs ${fmt(r.bare.perCore)}`).join('; ')}. Non-2xx answers: collector ${rs.reduce((a, r) => a + r.collector.non2xx + r.collector.errors, 0)}, bare ${rs.reduce((a, r) => a + r.bare.non2xx + r.bare.errors, 0)}. Machine busy during rounds (median): ${Math.round(100 * median(rs.flatMap((r) => [r.collector.machineBusy, r.bare.machineBusy])))} %.`,
      '',
    );
  }
  if (result.search) {
    const { search, trace } = result.search;
    const short = result.loaded < LOG_ROWS;
    lines.push(
      `Log search: ${fmt(result.loaded)} log rows${short ? ` (not the ${fmt(LOG_ROWS)} asked for: the load stopped at LOAD_BUDGET_S)` : ''}, ${LOG_TENANTS} tenants over 7 days, loaded in ${result.loadSeconds.toFixed(0)} s into the collector's partitioned \`collector.logs\` (with its three indexes), then ANALYZE; ${search.n} requests each, one at a time, through the internal API.`,
      '',
      '| query | p50 ms | p99 ms | max ms | mean rows | target |',
      '|---|---|---|---|---|---|',
      `| GET /internal/v1/logs: tenant + 1 h + text (${TEXT_TERMS.map((t) => `\`${t}\``).join(', ')}) | ${search.p50.toFixed(1)} | ${search.p99.toFixed(1)} | ${search.max.toFixed(1)} | ${search.meanRows.toFixed(1)} | p99 ≤ 50 ${search.p99 <= 50 ? '✓' : '✗'} |`,
      `| GET /internal/v1/traces/:id (half ingested span traces, half log traces) | ${trace.p50.toFixed(1)} | ${trace.p99.toFixed(1)} | ${trace.max.toFixed(1)} | ${trace.meanRows.toFixed(1)} | p99 ≤ 20 ${trace.p99 <= 20 ? '✓' : '✗'} |`,
      '',
      `Statuses: search ${JSON.stringify(search.statuses)}, traces ${JSON.stringify(trace.statuses)}.`,
      '',
    );
  }
  appendFileSync(RESULTS_FILE, `${lines.join('\n')}\n`);
  log(`results appended to ${RESULTS_FILE}`);
}

try {
  await main();
  writeResults(false);
  await cleanup();
  clearTimeout(deadline);
  log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
} catch (err) {
  log(`failed: ${err.stack ?? err}`);
  writeResults(true);
  await cleanup();
  clearTimeout(deadline);
  process.exit(1);
}
