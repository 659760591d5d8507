// `npm test`: make sure the real services exist and run, then lint, typecheck, build and every suite.
// Ends with the line `N passed, N failed` (totals over every step and suite); exits non-zero on failure.
import { spawnSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.sightline-test');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const log = (m) => process.stdout.write(`[test] ${m}\n`);
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const ok = (cmd) => spawnSync('sh', ['-c', cmd], { stdio: 'ignore' }).status === 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let aptUpdated = false;
function aptInstall(pkgs) {
  if (process.getuid?.() !== 0)
    throw new Error(`missing ${pkgs.join(' ')} and not root: install them with apt-get`);
  if (!aptUpdated) {
    log('apt-get update');
    execSync('apt-get update -qq', { stdio: 'inherit' });
    aptUpdated = true;
  }
  log(`apt-get install ${pkgs.join(' ')}`);
  execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkgs.join(' ')}`, { stdio: 'inherit' });
}

async function waitUntil(check, what, ms = 30000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await sleep(300);
  }
  throw new Error(`${what} did not come up within ${ms / 1000} s`);
}

async function ensureServices() {
  // PostgreSQL on 127.0.0.1:5432 (trust auth for user postgres).
  if (!ok('pg_isready -q -h 127.0.0.1 -p 5432')) {
    if (!has('pg_ctlcluster')) aptInstall(['postgresql']);
    log('starting PostgreSQL');
    ok('pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | tail -1) main start');
    await waitUntil(() => ok('pg_isready -q -h 127.0.0.1 -p 5432'), 'PostgreSQL');
  }
  // Redis on 127.0.0.1:6379.
  if (!ok('redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG')) {
    if (!has('redis-server')) aptInstall(['redis-server']);
    log('starting Redis');
    mkdirSync('/var/lib/redis', { recursive: true });
    mkdirSync('/var/log/redis', { recursive: true });
    ok(
      'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
    );
    await waitUntil(() => ok('redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG'), 'Redis');
  }
  const missing = [];
  if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (!has('promtool')) missing.push('prometheus');
  if (!has('prometheus-alertmanager') && !existsSync('/usr/bin/prometheus-alertmanager'))
    missing.push('prometheus-alertmanager');
  if (!has('pdftotext')) missing.push('poppler-utils');
  // The TLS tests (the gateway's own certificates, a TLS Redis cluster) make throwaway CAs with the CLI.
  if (!has('openssl')) missing.push('openssl');
  if (missing.length) aptInstall(missing);
}

const results = [];
function step(name, cmd, args, env = {}) {
  log(`${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const passed = r.status === 0;
  results.push({
    name,
    passed: passed ? 1 : 0,
    failed: passed ? 0 : 1,
    seconds: (Date.now() - started) / 1000,
  });
  log(`${name}: ${passed ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return passed;
}

async function main() {
  try {
    await ensureServices();
  } catch (err) {
    log(`could not prepare services: ${err.message}`);
    results.push({ name: 'services', passed: 0, failed: 1 });
  }
  step('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
  step('format', 'npx', ['prettier', '--check', '--log-level=warn', '.']);
  step('typecheck', 'npm', ['run', '-s', 'typecheck']);
  const built = step('build', 'node', ['scripts/build.mjs']);

  // Load and accuracy tests (*.solo.test.ts) measure timing under their own load, so they run afterwards, alone:
  // sharing two cores with another test file skews what they measure.
  const SOLO = '\\.solo\\.test\\.ts$';
  const runJest = (name, extra) => {
    const out = join(outDir, `${name}.json`);
    rmSync(out, { force: true });
    const args = ['jest', '--ci', '--json', `--outputFile=${out}`, ...extra];
    if (!built)
      args.push(
        '--selectProjects',
        ...[
          'config',
          'telemetry',
          'db',
          'contracts',
          'http',
          'testing',
          'gateway',
          'auth',
          'collector',
          'api',
          'demo',
          'dashboard',
        ],
      );
    log(`${name}: npx ${args.join(' ')}`);
    spawnSync('npx', args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, SIGHTLINE_BUILT: built ? '1' : '0' },
    });
    if (!existsSync(out)) return { passed: 0, failed: 1, total: 0 };
    const j = JSON.parse(readFileSync(out, 'utf8'));
    return {
      passed: j.numPassedTests,
      failed: j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0),
      total: j.numTotalTests,
    };
  };
  const main = runJest('jest', [
    '--maxWorkers=2',
    ...[SOLO, '/node_modules/', '/dist/', '/\\.next/'].map((p) => `--testPathIgnorePatterns=${p}`),
  ]);
  const solo = runJest('jest-solo', ['--runInBand', `--testPathPatterns=${SOLO}`]);
  const jestPassed = main.passed + solo.passed;
  let jestFailed = main.failed + solo.failed;
  if (main.total === 0 || solo.total === 0) jestFailed += 1;
  results.push({ name: 'jest', passed: jestPassed, failed: jestFailed });

  const passed = results.reduce((a, r) => a + r.passed, 0);
  const failed = results.reduce((a, r) => a + r.failed, 0);
  log('summary:');
  for (const r of results) log(`  ${r.name.padEnd(10)} ${r.passed} passed, ${r.failed} failed`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  process.stdout.write(`[test] crashed: ${err.stack ?? err}\n0 passed, 1 failed\n`);
  process.exit(1);
});
