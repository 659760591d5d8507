// Console liveness benchmark: how long from a tenant's errors starting to the SRE's board showing them.
// The platform runs as `npm start` runs it (launcher, embedded Postgres, PORT_OFFSET 2500). Each of ROUNDS
// injections turns initech's error knob on and measures, in the same injection:
//   socket — the first Socket.io `sla:update` whose 5m availability is below the value before (the data path:
//            gateway → collector rollup → api → socket), seen by a Node client;
//   pixels — the first animation frame in Chromium whose initech tile shows an availability below it.
// pixels − socket is what the console adds; the target is pixels p95 ≤ 1 s.
// Usage: npm run bench -- console   (env: ROUNDS=20)
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { io } from 'socket.io-client';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const OFFSET = 2500; // Postgres listens at 54329 + offset (< 65536); 6000 (X11) and fetch-blocked ports are avoided
const url = (p) => `http://127.0.0.1:${p + OFFSET}`;
const ADMIN = { email: 'admin@sightline.local', password: 'bench-admin-password' };
const log = (m) => process.stdout.write(`[bench] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (!existsSync(join(root, 'launcher', 'dist', 'main.js'))) {
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (b.status !== 0) process.exit(1);
}
const dataDir = mkdtempSync(join(tmpdir(), 'sightline-bench-console-'));
let output = '';
const launcher = spawn(process.execPath, [join(root, 'launcher', 'dist', 'main.js')], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: '',
    REDIS_URL: '',
    SIGHTLINE_DATA_DIR: dataDir,
    PORT_OFFSET: String(OFFSET),
    DEMO_RPS: '8',
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
launcher.stdout.on('data', (d) => (output += d));
launcher.stderr.on('data', (d) => (output += d));
let browser;
let socket;

async function cleanup() {
  socket?.close();
  await browser?.close().catch(() => undefined);
  if (launcher.exitCode === null) {
    const exited = new Promise((r) => launcher.once('exit', r));
    launcher.kill('SIGINT');
    await Promise.race([exited, sleep(20_000)]);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

try {
  const deadline = Date.now() + 180_000;
  while (!output.includes('Sightline is up')) {
    if (launcher.exitCode !== null || Date.now() > deadline)
      throw new Error(`platform did not start:\n${output.slice(-3000)}`);
    await sleep(200);
  }
  log('platform up');
  const login = await fetch(`${url(4000)}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const { accessToken } = await login.json();

  // The Node-side observer of the data path.
  let lastSocket = { at: 0, availability: null };
  const socketEvents = [];
  socket = io(url(4000), { auth: { token: accessToken }, transports: ['websocket'] });
  socket.on('sla:update', (e) => {
    if (e?.tenantId !== 'initech') return;
    const snap = (e.snapshots ?? []).find((s) => s.window === '5m');
    if (!snap || snap.availability === null) return;
    lastSocket = { at: Date.now(), availability: snap.availability };
    socketEvents.push(lastSocket);
  });

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${url(3000)}/login`);
  await page.getByLabel(/email/i).fill(ADMIN.email);
  await page.getByLabel(/password/i).fill(ADMIN.password);
  await page.getByRole('button', { name: /sign in|log in/i }).click();
  await page.waitForURL(`${url(3000)}/`);
  const tile = page.getByTestId('availability-initech');
  await tile.waitFor();
  const readTile = async () => Number.parseFloat(((await tile.textContent()) ?? '').replace('%', ''));
  for (let i = 0; i < 120 && Number.isNaN(await readTile()); i++) await sleep(500);
  // The page's clock and ours differ by an offset: measure it once.
  const skew = (await page.evaluate(() => Date.now())) - Date.now();

  const rows = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // Let the last injection's errors settle into the rollups so "before" is stable.
    await sleep(2500);
    const before = await readTile();
    const beforeSocket = lastSocket.availability;
    const firstSocketIndex = socketEvents.length;
    const watch = page.evaluate(
      ({ before }) =>
        new Promise((resolve) => {
          const el = document.querySelector('[data-testid="availability-initech"]');
          const check = () => {
            const v = Number.parseFloat((el?.textContent ?? '').replace('%', ''));
            if (v < before) resolve(Date.now());
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
      { before },
    );
    const t0 = Date.now();
    await fetch(`${url(8070)}/_demo/knobs/initech`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1 }),
    });
    const pixelsAt = await Promise.race([watch, sleep(10_000).then(() => null)]);
    await fetch(`${url(8070)}/_demo/knobs/initech`, { method: 'DELETE' });
    const sock = socketEvents
      .slice(firstSocketIndex)
      .find((e) => e.at >= t0 && beforeSocket !== null && e.availability < beforeSocket);
    const pixels = pixelsAt === null ? null : pixelsAt - skew - t0;
    const data = sock ? sock.at - t0 : null;
    rows.push({ round, pixels, socket: data });
    log(`round ${round}: pixels ${pixels ?? 'timeout'} ms, socket ${data ?? '—'} ms`);
  }

  const px = rows.map((r) => r.pixels).filter((v) => v !== null);
  const sk = rows.map((r) => r.socket).filter((v) => v !== null);
  const overhead = rows.filter((r) => r.pixels !== null && r.socket !== null).map((r) => r.pixels - r.socket);
  const timeouts = rows.filter((r) => r.pixels === null).length;
  const p95 = px.length ? quantile(px, 0.95) : null;
  const date = new Date().toISOString().slice(0, 10);
  const section = [
    '',
    `### Console liveness — ${date}`,
    '',
    `Command: \`npm run bench -- console\` (ROUNDS=${ROUNDS}; \`npm start\` platform at PORT_OFFSET ${OFFSET}, DEMO_RPS 8, Debian Chromium headless at 1280×800; each round turns initech's error knob on for the time it takes the board to show it; 2-core machine shared with every service, Postgres and the browser).`,
    '',
    '| measure | median | p95 | max | target |',
    '|---|---|---|---|---|',
    `| knob → pixels (tile shows lower availability) | ${px.length ? quantile(px, 0.5) : '—'} ms | ${p95 ?? '—'} ms | ${px.length ? Math.max(...px) : '—'} ms | p95 ≤ 1000 ms ${p95 !== null && p95 <= 1000 && timeouts === 0 ? '✓' : '✗'} |`,
    `| knob → first \`sla:update\` below (data path, baseline) | ${sk.length ? quantile(sk, 0.5) : '—'} ms | ${sk.length ? quantile(sk, 0.95) : '—'} ms | ${sk.length ? Math.max(...sk) : '—'} ms | — |`,
    `| pixels − socket (what the console adds) | ${overhead.length ? quantile(overhead, 0.5) : '—'} ms | ${overhead.length ? quantile(overhead, 0.95) : '—'} ms | ${overhead.length ? Math.max(...overhead) : '—'} ms | — |`,
    '',
    `${ROUNDS - timeouts} of ${ROUNDS} injections reached the tile within 10 s. Per round (ms, pixels/socket): ${rows
      .map((r) => `${r.pixels ?? '∞'}/${r.socket ?? '—'}`)
      .join(', ')}.`,
    '',
  ].join('\n');
  appendFileSync(join(root, 'bench', 'RESULTS.md'), section);
  log(section);
} catch (err) {
  log(`failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
