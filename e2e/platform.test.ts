/**
 * The journey end to end, as `npm start` runs it: the launcher starts every process on embedded Postgres,
 * a browser logs in and sees the three demo tenants' tiles update, the error knob drops one tile's
 * availability, the OTLP fixtures come back through the api, and Ctrl-C leaves nothing behind while the
 * next start keeps the data.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { waitFor } from '@sightline/testing';

const root = join(__dirname, '..');
const fixtures = join(root, '..', 'shared', 'fixtures', 'otlp');
const OFFSET = 10000;
const port = (p: number) => p + OFFSET;
const CONSOLE = `http://127.0.0.1:${port(3000)}`;
const API = `http://127.0.0.1:${port(4000)}`;
const COLLECTOR = `http://127.0.0.1:${port(4318)}`;
const UPSTREAM = `http://127.0.0.1:${port(8070)}`;
const ADMIN = { email: 'admin@sightline.local', password: 'e2e-admin-password' };
const FIXTURE_TRACE = '5b8efff798038103d269b633813fc60c';
const shots = join(root, '.sightline-test');

jest.setTimeout(240_000);

let dataDir: string;
let launcher: ChildProcess | undefined;
let output = '';
let browser: Browser | undefined;

function startLauncher(): Promise<number> {
  const started = Date.now();
  output = '';
  launcher = spawn(process.execPath, [join(root, 'launcher', 'dist', 'main.js')], {
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
  launcher.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  launcher.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const child = launcher;
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const failed =
        child.exitCode !== null
          ? `launcher exited with ${child.exitCode}`
          : Date.now() - started > 150_000
            ? 'not up within 150 s'
            : '';
      if (output.includes('Sightline is up')) {
        clearInterval(timer);
        resolve(Date.now() - started);
      } else if (failed) {
        clearInterval(timer);
        reject(new Error(`${failed}\n--- launcher output ---\n${output.slice(-6000)}`));
      }
    }, 200);
  });
}

async function stopLauncher(): Promise<number | null> {
  const child = launcher;
  if (!child || child.exitCode !== null) return child?.exitCode ?? null;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGINT');
  return exited;
}

function ourProcesses(): string[] {
  const tag = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'latin1');
      const args = readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ');
      if (env.includes(`SIGHTLINE_RUN=${tag}\0`) || args.includes(join(dataDir, 'pg')))
        found.push(`${pid} ${args}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

async function login(): Promise<string> {
  const res = await fetch(`${API}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

function percent(text: string | null): number {
  return Number.parseFloat((text ?? '').replace('%', ''));
}

beforeAll(() => {
  if (!existsSync(join(root, 'launcher', 'dist', 'main.js')) || process.env.SIGHTLINE_BUILT !== '1') {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('build failed');
  }
  dataDir = mkdtempSync(join(tmpdir(), 'sightline-e2e-'));
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (launcher && launcher.exitCode === null) {
    await stopLauncher();
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start, end to end', () => {
  let firstStartMs = 0;

  it('starts the whole platform on embedded Postgres and prints the console URL', async () => {
    firstStartMs = await startLauncher();
    expect(output).toContain(`Console: ${CONSOLE}`);
    expect(output).toMatch(/REDIS_URL not set/);
    process.stdout.write(`e2e: platform up in ${(firstStartMs / 1000).toFixed(1)} s\n`);
  });

  it('shows the three tenants tiles updating in Chromium, and the error knob drops one tile within 5 s', async () => {
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
    await page.goto(`${CONSOLE}/login`);
    await page.getByLabel(/email/i).fill(ADMIN.email);
    await page.getByLabel(/password/i).fill(ADMIN.password);
    await page.getByRole('button', { name: /sign in|log in/i }).click();
    await page.waitForURL(`${CONSOLE}/`);
    const tiles = page.locator('[data-testid^="tile-"]');
    await waitFor(async () => (await tiles.count()) === 3, 20_000);
    for (const id of ['acme', 'globex', 'initech']) {
      await waitFor(
        async () => !Number.isNaN(percent(await page.getByTestId(`availability-${id}`).textContent())),
        30_000,
      );
    }
    const before = percent(await page.getByTestId('availability-initech').textContent());
    const res = await fetch(`${UPSTREAM}/_demo/knobs/initech`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1 }),
    });
    expect(res.ok).toBe(true);
    const turned = Date.now();
    await waitFor(
      async () => percent(await page.getByTestId('availability-initech').textContent()) < before,
      5_000,
      100,
    );
    const tookMs = Date.now() - turned;
    process.stdout.write(`e2e: initech tile dropped ${tookMs} ms after the knob\n`);
    await page.screenshot({ path: join(shots, 'e2e-board.png'), fullPage: true });
    expect(percent(await page.getByTestId('availability-acme').textContent())).toBeGreaterThan(99);
    await fetch(`${UPSTREAM}/_demo/knobs/initech`, { method: 'DELETE' });
  });

  it('exposes /metrics on every service that pass promtool check metrics', async () => {
    for (const p of [4318, 8081, 8090, 4000, 9095]) {
      const res = await fetch(`http://127.0.0.1:${port(p)}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect({ port: p, problems: `${check.stdout}${check.stderr}`.trim() }).toEqual({
        port: p,
        problems: '',
      });
    }
  });

  it('accepts the shared OTLP fixtures and serves the fixture trace with its span and its log', async () => {
    for (const [path, file] of [
      ['/v1/traces', 'trace.json'],
      ['/v1/logs', 'logs.json'],
    ] as const) {
      const r = await fetch(`${COLLECTOR}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: readFileSync(join(fixtures, file)),
      });
      expect(r.status).toBe(200);
    }
    const token = await login();
    const trace = (await (
      await fetch(`${API}/v1/traces/${FIXTURE_TRACE}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { spans: { spanId: string }[]; logs: { body: string }[] };
    expect(trace.spans.map((s) => s.spanId)).toContain('eee19b7ec3c1b174');
    expect(trace.logs.length).toBeGreaterThanOrEqual(1);
  });

  it('lets a developer search a log line, open its trace, and see the trace logs beside the waterfall', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${CONSOLE}/login`);
    await page.getByLabel(/email/i).fill(ADMIN.email);
    await page.getByLabel(/password/i).fill(ADMIN.password);
    await page.getByRole('button', { name: /sign in|log in/i }).click();
    await page.waitForURL(`${CONSOLE}/`);
    const query = new URLSearchParams({
      tenant: '_platform',
      q: 'Example log record',
      from: '2018-12-13T00:00:00.000Z',
      to: '2018-12-14T00:00:00.000Z',
    });
    await page.goto(`${CONSOLE}/explore?${query.toString()}`);
    const line = page.locator(`[data-testid="log-line"][data-trace-id="${FIXTURE_TRACE}"]`);
    await line.first().waitFor({ timeout: 15_000 });
    await line.first().getByTestId('log-trace-link').click();
    await page.waitForURL(`${CONSOLE}/traces/${FIXTURE_TRACE}`);
    await page
      .locator('[data-testid="span-row"][data-span-id="eee19b7ec3c1b174"]')
      .waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('trace-logs').getByTestId('log-line').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(shots, 'e2e-trace.png'), fullPage: true });
    await page.close();
  });

  it('stops everything on Ctrl-C, leaving no process of ours running', async () => {
    const code = await stopLauncher();
    expect(code).toBe(0);
    await waitFor(() => ourProcesses().length === 0, 10_000).catch(() => undefined);
    expect(ourProcesses()).toEqual([]);
    expect(output).toContain('embedded PostgreSQL stopped');
  });

  it('keeps the earlier data on the next start', async () => {
    await startLauncher();
    const token = await login();
    const res = await fetch(`${API}/v1/traces/${FIXTURE_TRACE}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const trace = (await res.json()) as { spans: unknown[] };
    expect(trace.spans.length).toBeGreaterThanOrEqual(1);
    expect(await stopLauncher()).toBe(0);
    expect(ourProcesses()).toEqual([]);
  });
});
