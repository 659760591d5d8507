// Copies the rule files and Grafana dashboards into the chart: Helm reads nothing outside the chart directory.
// Run after `npm run rules:generate` or `npm run dashboards:generate`, then commit helm/sightline/files.
//   node helm/scripts/sync-files.mjs           copy
//   node helm/scripts/sync-files.mjs --check   exit 1 and list the differences instead
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const filesDir = join(root, 'helm', 'sightline', 'files');

/** Each source folder, the extension taken from it, and where its copies go under files/. */
export const SOURCES = [
  { from: 'rules/generated', ext: '.yaml', to: 'rules/generated' },
  { from: 'rules/platform', ext: '.yaml', to: 'rules/platform' },
  { from: 'grafana/dashboards', ext: '.json', to: 'dashboards' },
];

/** plannedFiles lists every copy the chart should hold: its path under files/ and its source's bytes. */
export function plannedFiles(repoRoot = root) {
  const out = [];
  for (const s of SOURCES) {
    const dir = join(repoRoot, s.from);
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith(s.ext))
      .sort()) {
      out.push({ path: `${s.to}/${f}`, source: `${s.from}/${f}`, content: readFileSync(join(dir, f)) });
    }
  }
  return out;
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) =>
      relative(filesDir, join(e.parentPath ?? e.path, e.name))
        .split('\\')
        .join('/'),
    );
}

/** differences names every copy that is missing, stale or no longer has a source. */
export function differences() {
  const planned = plannedFiles();
  const wanted = new Set(planned.map((p) => p.path));
  const problems = [];
  for (const p of planned) {
    const copy = join(filesDir, p.path);
    if (!existsSync(copy)) problems.push(`missing ${p.path} (from ${p.source})`);
    else if (!readFileSync(copy).equals(p.content))
      problems.push(`stale ${p.path} (differs from ${p.source})`);
  }
  for (const f of listFiles(filesDir)) if (!wanted.has(f)) problems.push(`orphan ${f} (its source is gone)`);
  return problems;
}

function sync() {
  rmSync(filesDir, { recursive: true, force: true });
  for (const p of plannedFiles()) {
    const target = join(filesDir, p.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, p.content);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const problems = differences();
    for (const p of problems) process.stderr.write(`${p}\n`);
    process.exit(problems.length === 0 ? 0 : 1);
  }
  sync();
  process.stdout.write(`synced ${plannedFiles().length} files into ${relative(root, filesDir)}\n`);
}
