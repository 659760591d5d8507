import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { waitFor } from '@sightline/testing';

const REPO = resolve(__dirname, '..', '..', '..');

/** bundleAlerting bundles alerting's main entry with scripts/run-ts.mjs (third-party modules stay external). */
export async function bundleAlerting(): Promise<string> {
  const dir = join(REPO, 'node_modules', '.cache', 'sightline-test');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `alerting-${process.pid}.cjs`);
  const r = spawnSync(
    process.execPath,
    [join(REPO, 'scripts', 'run-ts.mjs'), '--bundle', join(REPO, 'alerting', 'src', 'main.ts'), out],
    { cwd: REPO, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`bundling alerting failed: ${r.stderr}`);
  return out;
}

/** AlertingProcess is the alerting service running as its own OS process, as in production. */
export interface AlertingProcess {
  child: ChildProcess;
  base: string;
  output(): string;
  /** kill sends a signal and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** spawnAlerting starts the bundle with env and waits for /readyz. */
export async function spawnAlerting(
  bundle: string,
  env: Record<string, string>,
  port: number,
): Promise<AlertingProcess> {
  const child = spawn(process.execPath, [bundle], {
    env: { PATH: process.env.PATH ?? '', ...env, ALERTING_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error('exited');
      const res = await fetch(`${base}/readyz`).catch(() => null);
      return res?.ok === true;
    }, 20_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`alerting did not become ready: ${out.slice(-2000)}`, { cause: err });
  }
  return {
    child,
    base,
    output: () => out,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
