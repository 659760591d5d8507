import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** REPO_ROOT is the repository the journeys run. */
export const REPO_ROOT = join(__dirname, '..', '..');
/** SHOTS is where journeys leave their screenshots. */
export const SHOTS = join(REPO_ROOT, '.sightline-test');
/** ADMIN is the platform admin every journey's launcher is started with. */
export const ADMIN = { email: 'admin@sightline.local', password: 'e2e-admin-password' };

/** ensureBuilt builds the bundles and the console unless the test runner already did (SIGHTLINE_BUILT=1). */
export function ensureBuilt(): void {
  if (existsSync(join(REPO_ROOT, 'launcher', 'dist', 'main.js')) && process.env.SIGHTLINE_BUILT === '1')
    return;
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('build failed');
}

/** launchChromium starts Debian's Chromium headless with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

/**
 * PlatformRun is `npm start` as a journey runs it: the launcher on its own data directory and port offset, with
 * embedded Postgres; it can be stopped with Ctrl-C, started again on the same data, and asked which of its
 * processes are still alive.
 */
export class PlatformRun {
  readonly dataDir: string;
  output = '';
  private launcher: ChildProcess | undefined;

  /** constructor makes the data directory; nothing starts before start(). */
  constructor(
    readonly offset: number,
    private readonly env: Record<string, string> = {},
  ) {
    this.dataDir = mkdtempSync(join(tmpdir(), `sightline-e2e-${offset}-`));
    mkdirSync(SHOTS, { recursive: true });
  }

  /** url is the local URL of a service's default port under this run's offset. */
  url(defaultPort: number): string {
    return `http://127.0.0.1:${defaultPort + this.offset}`;
  }

  /** secrets are the secrets the launcher generated and keeps in the data directory. */
  secrets(): { internalToken: string } {
    return JSON.parse(readFileSync(join(this.dataDir, 'secrets.json'), 'utf8')) as { internalToken: string };
  }

  /** start runs the launcher and resolves with how long it took to print "Sightline is up". */
  start(): Promise<number> {
    const started = Date.now();
    this.output = '';
    const child = spawn(process.execPath, [join(REPO_ROOT, 'launcher', 'dist', 'main.js')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: '',
        REDIS_URL: '',
        SIGHTLINE_DATA_DIR: this.dataDir,
        PORT_OFFSET: String(this.offset),
        DEMO_RPS: '8',
        ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.launcher = child;
    child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    return new Promise((resolve, reject) => {
      const timer = setInterval(() => {
        const failed =
          child.exitCode !== null
            ? `launcher exited with ${child.exitCode}`
            : Date.now() - started > 150_000
              ? 'not up within 150 s'
              : '';
        if (this.output.includes('Sightline is up')) {
          clearInterval(timer);
          resolve(Date.now() - started);
        } else if (failed) {
          clearInterval(timer);
          reject(new Error(`${failed}\n--- launcher output ---\n${this.output.slice(-6000)}`));
        }
      }, 200);
    });
  }

  /** stop sends Ctrl-C (SIGINT) and resolves with the launcher's exit code. */
  async stop(): Promise<number | null> {
    const child = this.launcher;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    return exited;
  }

  /** running says whether the launcher has not exited. */
  get running(): boolean {
    return this.launcher !== undefined && this.launcher.exitCode === null;
  }

  /** processes lists this run's live processes (tagged children and the embedded Postgres). */
  processes(): string[] {
    const tag = createHash('sha256').update(this.dataDir).digest('hex').slice(0, 12);
    const found: string[] = [];
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const env = readFileSync(`/proc/${pid}/environ`, 'latin1');
        const args = readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ');
        if (env.includes(`SIGHTLINE_RUN=${tag}\0`) || args.includes(join(this.dataDir, 'pg')))
          found.push(`${pid} ${args}`);
      } catch {
        // The process ended while we looked.
      }
    }
    return found;
  }

  /** dispose stops the launcher if it still runs and removes the data directory. */
  async dispose(): Promise<void> {
    if (this.running) await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** login signs in through the api and returns the access token. */
  async login(who: { email: string; password: string } = ADMIN): Promise<string> {
    const res = await fetch(`${this.url(4000)}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(who),
    });
    if (res.status !== 200) throw new Error(`login as ${who.email}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }
}
