import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** repoRoot finds the monorepo's root from where the drill runs: jest runs the source, the runner a bundle. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (;;) {
      if (existsSync(join(dir, 'drills', 'package.json')) && existsSync(join(dir, 'gateway', 'src')))
        return dir;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error('drills: cannot find the repository root (a folder holding drills/ and gateway/)');
}
