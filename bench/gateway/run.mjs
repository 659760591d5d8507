// Gateway benchmark: wrk against five configurations on one upstream, alternated over ROUNDS rounds;
// quotes the median of same-round throughput ratios (the machine's speed drifts ±30 % minute to minute).
//   (a) bare node:http + undici proxy        (b) (a) + one EVALSHA sliding-window call per request
//   (c) express 5 + rate-limiter-flexible     (d) Sightline gateway, every feature on
//   (e) (d) with telemetry off                (f) (d) with LIMITER_ENABLED=false
// Then the fixed-rate phase (fixedRate.mjs): d against f at FIXED_RATE req/s, the p99 the limiter adds.
// Usage: npm run bench -- gateway   (env: PHASE=all|throughput|fixed-rate ROUNDS=6 DURATION_S=8 CONNECTIONS=64
//        FIXED_RATE=2000 FIXED_DURATION_S=20 FIXED_CONNECTIONS=50 RESULTS_FILE=bench/RESULTS.md)
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { fixedRatePhase } from './fixedRate.mjs';
import { median } from './median.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const DURATION = Number(process.env.DURATION_S ?? 8);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 64);
const PHASE = process.env.PHASE ?? 'all';
const FIXED = {
  rate: Number(process.env.FIXED_RATE ?? 2000),
  durationS: Number(process.env.FIXED_DURATION_S ?? 20),
  connections: Number(process.env.FIXED_CONNECTIONS ?? 50),
};
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN_DB = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BASE = 19100;
const P = {
  upstream: BASE + 1,
  fakes: BASE + 2,
  a: BASE + 10,
  b: BASE + 11,
  c: BASE + 12,
  d: BASE + 13,
  e: BASE + 14,
  f: BASE + 15,
};
const KEY = 'sl_bench_acme_0123456789abcdef0123';
const children = [];
const log = (m) => process.stdout.write(`[bench] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const pidOf = {};
/** cpuSeconds is the user + system CPU a process has used so far (Linux /proc; NaN elsewhere). */
function cpuSeconds(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

function start(name, file, env) {
  const child = spawn(process.execPath, [file], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  child.on('exit', (code) => {
    if (code && !stopping) log(`${name} exited ${code}: ${err.slice(-500)}`);
  });
  children.push(child);
  pidOf[name] = child.pid;
  return child;
}

async function ready(url, ms = 30000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url, { headers: { 'x-api-key': KEY } });
      await r.arrayBuffer();
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  throw new Error(`${url} not ready`);
}

function wrk(port) {
  const r = spawnSync(
    'wrk',
    [
      '-t1',
      `-c${CONNECTIONS}`,
      `-d${DURATION}s`,
      '--latency',
      '-H',
      `x-api-key: ${KEY}`,
      `http://127.0.0.1:${port}/api/orders`,
    ],
    {
      encoding: 'utf8',
    },
  );
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)?.[1] ?? 0);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(r.stdout);
  const p99ms = p99 ? Number(p99[1]) * (p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1) : NaN;
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(r.stdout)?.[1] ?? 0);
  const requests = Number(/(\d+) requests in/.exec(r.stdout)?.[1] ?? 0);
  return { rps, p99ms, non2xx, requests };
}

const command = `${PHASE === 'all' ? '' : `PHASE=${PHASE} `}npm run bench -- gateway`;

/** record prints a phase's section and appends it to RESULTS.md as soon as the phase is done. */
function record(lines) {
  process.stdout.write(lines.join('\n') + '\n');
  const results = process.env.RESULTS_FILE ?? join(root, 'bench', 'RESULTS.md');
  if (!existsSync(results))
    writeFileSync(
      results,
      '# Benchmark results\n\nRatios are medians of same-round ratios; see each section for the command.\n\n',
    );
  appendFileSync(results, lines.join('\n') + '\n');
}

let stopping = false;
async function main() {
  if (!['all', 'throughput', 'fixed-rate'].includes(PHASE))
    throw new Error(`PHASE must be all, throughput or fixed-rate, not ${PHASE}`);
  const throughput = PHASE !== 'fixed-rate';
  const fixedRate = PHASE !== 'throughput';
  if (spawnSync('wrk', ['--version']).error) throw new Error('wrk is not installed (apt-get install wrk)');
  const build = spawnSync(
    process.execPath,
    [join(root, 'scripts', 'build.mjs'), 'gateway', '--no-dashboard'],
    { stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error('build failed');

  const dbName = `sl_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: ADMIN_DB });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = new URL(ADMIN_DB);
  dbUrl.pathname = `/${dbName}`;

  try {
    start('upstream', join(here, 'upstream.mjs'), { PORT: P.upstream });
    start('fakes', join(here, 'fakes.mjs'), { PORT: P.fakes, BENCH_KEY: KEY, BENCH_TENANT: 'acme' });
    const upstreamUrl = `http://127.0.0.1:${P.upstream}`;
    if (throughput) {
      start('a', join(here, 'bareProxy.mjs'), { PORT: P.a, UPSTREAM_URL: upstreamUrl });
      start('b', join(here, 'bareProxy.mjs'), {
        PORT: P.b,
        UPSTREAM_URL: upstreamUrl,
        WITH_REDIS: '1',
        REDIS_URL,
      });
      start('c', join(here, 'expressProxy.mjs'), { PORT: P.c, UPSTREAM_URL: upstreamUrl, REDIS_URL });
    }
    const gw = (port, telemetry, extra = {}) => ({
      GATEWAY_PORT: port,
      GATEWAY_ADMIN_PORT: port + 100,
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL,
      UPSTREAM_URL: upstreamUrl,
      AUTH_URL: `http://127.0.0.1:${P.fakes}`,
      INTERNAL_TOKEN: 'bench-internal-token-0123456789',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'info',
      ...(telemetry
        ? { OTLP_ENDPOINT: `http://127.0.0.1:${P.fakes}` }
        : { OTLP_ENDPOINT: '', ACCESS_LOG: 'false', TRACING: 'false' }),
      ...extra,
    });
    // d starts first and alone: it migrates and seeds the database the others then share.
    start('d', join(root, 'gateway', 'dist', 'main.js'), gw(P.d, true));
    await ready(`http://127.0.0.1:${P.d + 100}/healthz`);
    const configs = ['d'];
    if (throughput) {
      start('e', join(root, 'gateway', 'dist', 'main.js'), gw(P.e, false));
      configs.push('a', 'b', 'c', 'e');
    }
    if (fixedRate) {
      start('f', join(root, 'gateway', 'dist', 'main.js'), gw(P.f, true, { LIMITER_ENABLED: 'false' }));
      configs.push('f');
    }
    for (const k of ['e', 'f'])
      if (configs.includes(k)) await ready(`http://127.0.0.1:${P[k] + 100}/healthz`);
    await liftLimits(dbUrl.toString());
    for (const k of configs) await ready(`http://127.0.0.1:${P[k]}/api/orders`);
    await sleep(2000); // let the gateways pick up the lifted limits

    if (throughput) record(throughputPhase());
    if (fixedRate)
      record(await fixedRatePhase({ here, ports: P, key: KEY, rounds: ROUNDS, ...FIXED, command, log }));
  } finally {
    stopping = true;
    for (const c of children) c.kill('SIGTERM');
    await sleep(1500);
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

/** throughputPhase is wrk at full speed against a to e; it returns the RESULTS.md section. */
function throughputPhase() {
  log(`warm-up, then ${ROUNDS} rounds × 5 configurations × ${DURATION} s, ${CONNECTIONS} connections`);
  for (const k of ['a', 'b', 'c', 'd', 'e']) wrk(P[k]);
  const rounds = [];
  const order = ['a', 'b', 'c', 'd', 'e'];
  for (let r = 0; r < ROUNDS; r++) {
    const res = {};
    for (let i = 0; i < order.length; i++) {
      const k = order[(i + r) % order.length];
      const cpu0 = cpuSeconds(pidOf[k]);
      res[k] = wrk(P[k]);
      // The proxy's own CPU per request: a single-threaded proxy's ceiling, and steadier than req/s on shared cores.
      res[k].cpuUs = ((cpuSeconds(pidOf[k]) - cpu0) / res[k].requests) * 1e6;
    }
    rounds.push(res);
    log(
      `round ${r + 1}: ${order.map((k) => `${k}=${res[k].rps.toFixed(0)}/s ${res[k].cpuUs.toFixed(0)}µs${res[k].non2xx ? ` (${res[k].non2xx} non-2xx)` : ''}`).join('  ')}`,
    );
  }
  const ratio = (x, y) => median(rounds.map((r) => r[x].rps / r[y].rps));
  const figures = {
    'b/a': ratio('b', 'a'),
    'c/a': ratio('c', 'a'),
    'd/a': ratio('d', 'a'),
    'e/a': ratio('e', 'a'),
    'd/c': ratio('d', 'c'),
    'd/e': ratio('d', 'e'),
  };
  const targets = { 'd/a': 0.65, 'e/a': 0.74, 'd/c': 2.5, 'd/e': 0.9 };
  const medRps = Object.fromEntries(order.map((k) => [k, median(rounds.map((r) => r[k].rps))]));
  const medP99 = Object.fromEntries(order.map((k) => [k, median(rounds.map((r) => r[k].p99ms))]));
  const medCpu = Object.fromEntries(order.map((k) => [k, median(rounds.map((r) => r[k].cpuUs))]));
  const cpuRatio = (x, y) => median(rounds.map((r) => r[y].cpuUs / r[x].cpuUs));
  const errors = order.filter((k) => rounds.some((r) => r[k].non2xx > 0));
  const lines = [
    `### Gateway throughput — ${new Date().toISOString().slice(0, 10)}`,
    '',
    `Command: \`${command}\` (ROUNDS=${ROUNDS}, DURATION_S=${DURATION}, wrk -t1 -c${CONNECTIONS}, GET through each proxy to one local upstream; 2-core machine shared with wrk, the upstream and Redis).`,
    '',
    '| ratio | median of same-round ratios | target |',
    '|---|---|---|',
    ...Object.entries(figures).map(
      ([k, v]) =>
        `| ${k} | ${v.toFixed(2)} | ${targets[k] ? `≥ ${targets[k]}${v >= targets[k] ? ' ✓' : ' ✗'}` : '—'} |`,
    ),
    '',
    `Median req/s: ${order.map((k) => `${k} ${medRps[k].toFixed(0)}`).join(', ')}. Median p99 (ms): ${order.map((k) => `${k} ${medP99[k].toFixed(1)}`).join(', ')}.`,
    '',
    `Proxy process CPU per request (µs, median; the proxy only, not wrk, the upstream, Redis or the OTLP receiver): ${order.map((k) => `${k} ${medCpu[k].toFixed(1)}`).join(', ')}. ` +
      `As same-round ratios of CPU per request (x/y = y's µs ÷ x's µs, comparable with the throughput ratios): d/e ${cpuRatio('d', 'e').toFixed(2)}, e/a ${cpuRatio('e', 'a').toFixed(2)}, d/a ${cpuRatio('d', 'a').toFixed(2)}, b/a ${cpuRatio('b', 'a').toFixed(2)}.`,
    errors.length
      ? `Configurations with non-2xx answers: ${errors.join(', ')} (see the round lines).`
      : 'Every configuration answered 2xx throughout.',
    '',
  ];
  return lines;
}

// The bench tenant must never be limited: lift its limits far above what the machine can serve.
async function liftLimits(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const sqlFile = join(here, 'liftLimits.sql');
    await c.query(readFileSync(sqlFile, 'utf8'));
  } finally {
    await c.end();
  }
}

main().catch((err) => {
  process.stderr.write(`[bench] failed: ${err.stack ?? err}\n`);
  stopping = true;
  for (const c of children) c.kill('SIGKILL');
  process.exit(1);
});
