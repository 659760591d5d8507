import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { CleanupStack } from './CleanupStack';
import { repoRoot } from './repoRoot';

/**
 * bundleService bundles a service's src/main.ts the way scripts/build.mjs does, into a file of its own, so a drill
 * runs the current source without touching the service's dist/ (which other suites may be reading).
 */
export async function bundleService(service: string, cleanup: CleanupStack): Promise<string> {
  const root = repoRoot();
  // Inside node_modules so that the bundle's external imports resolve from the repository; inside the service's own
  // node_modules when it has one, so the versions it pins there (the collector's otlp-transformer) win, as in dist/.
  const own = join(root, service, 'node_modules');
  const dir = join(existsSync(own) ? own : join(root, 'node_modules'), '.cache', 'sightline-drills');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${service}-${process.pid}-${randomBytes(4).toString('hex')}.cjs`);
  const remove = () => rmSync(out, { force: true });
  cleanup.push({ close: remove, onExit: remove });
  await build({
    entryPoints: [join(root, service, 'src', 'main.ts')],
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
  return out;
}
