// `npm run dashboards:generate [-- --out <dir>]`: dashboards as code → grafana/dashboards/*.json and
// grafana/provisioning/, under the repo root (the working directory) or under --out.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildGrafanaFiles } from './buildGrafanaFiles';
import { formatGrafanaFile } from './formatGrafanaFile';

async function main(): Promise<void> {
  const root = process.cwd();
  const outFlag = process.argv.indexOf('--out');
  const out = outFlag > 0 && process.argv[outFlag + 1] ? resolve(process.argv[outFlag + 1]!) : root;
  const files = await Promise.all(buildGrafanaFiles().map((f) => formatGrafanaFile(f, root)));
  const dashboardsDir = join(out, 'grafana', 'dashboards');
  mkdirSync(dashboardsDir, { recursive: true });
  // A dashboard removed from the code must disappear from the provisioned folder too.
  for (const name of readdirSync(dashboardsDir))
    if (name.endsWith('.json')) rmSync(join(dashboardsDir, name));
  for (const f of files) {
    mkdirSync(dirname(join(out, f.path)), { recursive: true });
    writeFileSync(join(out, f.path), f.content);
    process.stdout.write(`wrote ${f.path}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`dashboards:generate failed: ${String(err)}\n`);
  process.exitCode = 1;
});
