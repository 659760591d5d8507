import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { helmBinary, helmCacheDir } from './helmBinary';
import { repoRoot } from './repoRoot';

/** HelmResult is what one helm invocation printed and how it exited. */
export interface HelmResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** runHelm runs the extracted helm binary from the repo root, with its home folders kept inside the cache. */
export function runHelm(args: readonly string[]): HelmResult {
  const r = spawnSync(helmBinary(), args, {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: join(helmCacheDir, 'home'),
      HELM_CACHE_HOME: join(helmCacheDir, 'home', 'cache'),
      HELM_CONFIG_HOME: join(helmCacheDir, 'home', 'config'),
      HELM_DATA_HOME: join(helmCacheDir, 'home', 'data'),
    },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
