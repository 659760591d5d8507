// `npm run bench`: run every benchmark suite under bench/<name>/run.mjs in turn.
import { readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench');
const only = process.argv.slice(2);
const suites = readdirSync(benchDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(benchDir, d.name, 'run.mjs')))
  .map((d) => d.name)
  .filter((n) => only.length === 0 || only.includes(n));
if (suites.length === 0) {
  process.stdout.write('no benchmark suites yet (see bench/README.md)\n');
  process.exit(0);
}
for (const s of suites) {
  process.stdout.write(`== bench/${s}\n`);
  const r = spawnSync('node', [join(benchDir, s, 'run.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
