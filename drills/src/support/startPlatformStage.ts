import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { PORTS } from '@sightline/contracts';
import type { CleanupStack } from './CleanupStack';
import { isRunning } from './killHard';
import { repoRoot } from './repoRoot';

// What `npm start` runs (scripts/build.mjs's list), each entry bundled to <service>/dist/<name>.js.
const ENTRIES = [
  ['launcher', 'main'],
  ['collector', 'main'],
  ['auth', 'main'],
  ['demo', 'main'],
  ['demo', 'traffic.main'],
  ['gateway', 'main'],
  ['alerting', 'main'],
  ['api', 'main'],
  ['reports', 'main'],
] as const;

/** PlatformStage is `npm start` running from a stage of its own: the launcher, every service and the console. */
export interface PlatformStage {
  /** root is the stage the launcher runs from (its repoRoot): bundles, links to rules/ and dashboard/, and the
   * collector's spill queue and archive (.data/, relative to its working directory). */
  root: string;
  dataDir: string;
  /** url is the local URL of a service's default port under the stage's PORT_OFFSET. */
  url(defaultPort: number): string;
  /** output is everything the launcher printed: its own lines and every child's stdout and stderr, prefixed. */
  output(): string;
  /** stop sends Ctrl-C (SIGINT), as a person stops `npm start`, and resolves with the launcher's exit code. */
  stop(): Promise<number | null>;
}

/** PlatformStageOptions are the launcher's environment beyond the stage's own settings. */
export interface PlatformStageOptions {
  offset: number;
  env: Record<string, string>;
  /** beforeStart runs once the data directory exists and before the launcher starts (to place secrets.json). */
  beforeStart?: (dataDir: string) => void;
  startTimeoutMs?: number;
}

/** PlatformStartError says the platform did not come up, with the launcher's last output. */
export class PlatformStartError extends Error {
  override readonly name = 'PlatformStartError';
}

/**
 * startPlatformStage starts the platform exactly as `npm start` does (the launcher's process plan, stages and
 * environment), but from bundles of the current source in a stage under node_modules/.cache, so that the repository's
 * dist/ folders, which other suites may be reading, stay untouched. The console needs its Next.js build
 * (dashboard/.next), which `npm test` makes before the suites; without one, it is built here first.
 */
export async function startPlatformStage(
  o: PlatformStageOptions,
  cleanup: CleanupStack,
): Promise<PlatformStage> {
  const repo = repoRoot();
  const root = join(
    repo,
    'node_modules',
    '.cache',
    'sightline-drills',
    `platform-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-drill-platform-'));
  const removeStage = () => {
    rmSync(root, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
  mkdirSync(root, { recursive: true });
  cleanup.push({ close: removeStage, onExit: removeStage });
  ensureConsoleBuilt(repo);
  await Promise.all(
    ENTRIES.map(([service, name]) =>
      build({
        entryPoints: [join(repo, service, 'src', `${name}.ts`)],
        outfile: join(root, service, 'dist', `${name}.js`),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        logLevel: 'warning',
        plugins: [
          {
            name: 'external-third-party',
            setup(b) {
              b.onResolve({ filter: /^[^./]/ }, (a) =>
                a.path.startsWith('@sightline/') ? undefined : { path: a.path, external: true },
              );
            },
          },
        ],
      }),
    ),
  );
  // alerting and reports read rules/slos beside their bundle; the launcher runs `next start` in dashboard/.
  symlinkSync(join(repo, 'rules'), join(root, 'rules'));
  symlinkSync(join(repo, 'dashboard'), join(root, 'dashboard'));
  // A service's own node_modules (a version of a package that differs from the root's) must resolve as from dist/.
  for (const service of new Set(ENTRIES.map(([s]) => s))) {
    const own = join(repo, service, 'node_modules');
    if (existsSync(own)) symlinkSync(own, join(root, service, 'node_modules'));
  }
  o.beforeStart?.(dataDir);

  let output = '';
  const launcher: ChildProcess = spawn(process.execPath, [join(root, 'launcher', 'dist', 'main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
      SIGHTLINE_DATA_DIR: dataDir,
      PORT_OFFSET: String(o.offset),
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launcher.stdout!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  launcher.stderr!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const running = () => launcher.exitCode === null && launcher.signalCode === null;
  const stop = async (): Promise<number | null> => {
    if (!running()) return launcher.exitCode;
    const exited = new Promise<number | null>((r) => launcher.once('exit', (code) => r(code)));
    launcher.kill('SIGINT');
    const timer = setTimeout(() => killEverything(launcher, dataDir), 30_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  cleanup.push({
    close: async () => {
      await stop();
      killEverything(launcher, dataDir);
    },
    onExit: () => killEverything(launcher, dataDir),
  });

  const deadline = Date.now() + (o.startTimeoutMs ?? 150_000);
  while (!output.includes('Sightline is up')) {
    if (!running() || Date.now() > deadline) {
      const why = running()
        ? 'not up in time'
        : `launcher exited with ${launcher.exitCode ?? launcher.signalCode}`;
      throw new PlatformStartError(`${why}\n--- launcher output ---\n${output.slice(-6_000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    root,
    dataDir,
    url: (p) => `http://127.0.0.1:${p + o.offset}`,
    output: () => output,
    stop,
  };
}

/** stagePorts lists the ports a stage at this offset listens on, to check that none is taken before it starts. */
export function stagePorts(offset: number): number[] {
  return Object.values(PORTS).map((p) => p + offset);
}

function ensureConsoleBuilt(repo: string): void {
  if (existsSync(join(repo, 'dashboard', '.next', 'BUILD_ID'))) return;
  const r = spawnSync(process.execPath, [join(repo, 'scripts', 'build.mjs'), 'dashboard'], {
    cwd: repo,
    stdio: 'ignore',
    timeout: 600_000,
  });
  if (r.status !== 0) throw new PlatformStartError('the console (dashboard/.next) could not be built');
}

// The hard path: the launcher, every process tagged with this launch's SIGHTLINE_RUN (each in its own group), and
// the embedded PostgreSQL, found through its postmaster.pid.
function killEverything(launcher: ChildProcess, dataDir: string): void {
  if (isRunning(launcher)) launcher.kill('SIGKILL');
  const tag = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`SIGHTLINE_RUN=${tag}\0`))
        kill(Number(pid));
    } catch {
      // The process ended while we looked.
    }
  }
  try {
    kill(Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]));
  } catch {
    // No embedded PostgreSQL, or already stopped.
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
