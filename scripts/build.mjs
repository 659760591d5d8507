// Build: bundle each service's src/main.ts into dist/main.js (CommonJS) with esbuild.
// Workspace packages (@sightline/*) are bundled from source; third-party packages stay external so
// their own loading (and OpenTelemetry's module hooks) work as usual. Then build the console if stale.
import { build } from 'esbuild';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const services = ['gateway', 'auth', 'collector', 'alerting', 'reports', 'api', 'demo', 'launcher'];
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const skipDashboard = process.argv.includes('--no-dashboard');

const externalThirdParty = {
  name: 'external-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@sightline/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const entries = services
  .filter((s) => only.length === 0 || only.includes(s))
  .flatMap((s) => {
    const src = join(root, s, 'src');
    if (!existsSync(join(src, 'main.ts'))) return [];
    return readdirSync(src)
      .filter((f) => f === 'main.ts' || f.endsWith('.main.ts'))
      .map((f) => ({ service: s, file: join(src, f) }));
  });

const started = Date.now();
await Promise.all(
  entries.map(({ service, file }) =>
    build({
      entryPoints: [file],
      outdir: join(root, service, 'dist'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: 'linked',
      logLevel: 'warning',
      plugins: [externalThirdParty],
    }),
  ),
);
process.stdout.write(`built ${entries.length} bundles in ${Date.now() - started} ms\n`);

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === '.next' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const dash = join(root, 'dashboard');
if (!skipDashboard && (only.length === 0 || only.includes('dashboard')) && existsSync(join(dash, 'app'))) {
  const buildId = join(dash, '.next', 'BUILD_ID');
  const stale = !existsSync(buildId) || statSync(buildId).mtimeMs < newestMtime(dash);
  if (stale) {
    process.stdout.write('building the console (next build)…\n');
    const r = spawnSync('npx', ['next', 'build'], {
      cwd: dash,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
