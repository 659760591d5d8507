// Run one TypeScript entry point of the workspace: bundle it with esbuild to a temp file, then run it.
//   node scripts/run-ts.mjs <file.ts> [args…]
//   node scripts/run-ts.mjs --bundle <file.ts> <out.cjs>   (only bundle; tests spawn the result themselves)
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const argv = process.argv.slice(2);
const bundleOnly = argv[0] === '--bundle';
const [entry, ...args] = bundleOnly ? argv.slice(1) : argv;
if (!entry || (bundleOnly && !args[0])) {
  process.stderr.write('usage: node scripts/run-ts.mjs [--bundle <file.ts> <out.cjs> | <file.ts> [args…]]\n');
  process.exit(2);
}
// Inside node_modules/.cache so that the bundle's external imports resolve from the repo.
const out = bundleOnly
  ? resolve(args[0])
  : join(resolve('node_modules', '.cache', 'sightline-run'), `${process.pid}.cjs`);
await build({
  entryPoints: [resolve(entry)],
  outfile: out,
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
});
if (bundleOnly) process.exit(0);
const r = spawnSync(process.execPath, [out, ...args], { stdio: 'inherit' });
rmSync(out, { force: true });
process.exit(r.status ?? 1);
