// Profiling helper: aggregates a V8 .cpuprofile (node --cpu-prof) by function, so the gateway's hot-path costs
// are read from a profile instead of guessed. Self time is the time sampled inside the function itself; total
// time also counts its callees (each function counted once per sample, so recursion does not inflate it).
// Usage: node bench/gateway/profileSummary.mjs <file.cpuprofile> [--top N] [--by package] [--callers REGEX]
//   --callers REGEX also splits the self time of matching functions (e.g. writev) by their caller chain.
//   --by package groups by node_modules package (or "gateway", "node:internal", "(program)/(gc)/(idle)").
// Profile the bundle the way bench/gateway/run.mjs starts it, with profiles written outside the repo, e.g.
//   node --cpu-prof --cpu-prof-dir=/tmp/gwprof gateway/dist/main.js   (then drive it with wrk, then SIGTERM)
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!file) {
  process.stderr.write(
    'usage: node bench/gateway/profileSummary.mjs <file.cpuprofile> [--top N] [--by package]\n',
  );
  process.exit(2);
}
const topIdx = args.indexOf('--top');
const TOP = topIdx === -1 ? 40 : Number(args[topIdx + 1]);
const byIdx = args.indexOf('--by');
const BY = byIdx === -1 ? 'function' : args[byIdx + 1];
const callersIdx = args.indexOf('--callers');
const CALLERS = callersIdx === -1 ? undefined : new RegExp(args[callersIdx + 1]);

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function packageOf(url) {
  if (!url) return 'native/vm';
  if (url.startsWith('node:')) return 'node:internal';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.includes('/gateway/dist/')) return 'gateway (bundle)';
  return url.replace(/^file:\/\//, '');
}

function keyOf(node) {
  const cf = node.callFrame;
  const name = cf.functionName || '(anonymous)';
  if (BY === 'package') return name.startsWith('(') && !cf.url ? name : packageOf(cf.url);
  const where = cf.url
    ? `${cf.url.replace(/^.*\/(node_modules\/|gateway\/dist\/)/, '$1')}:${cf.lineNumber + 1}`
    : '';
  return `${name} ${where}`.trim();
}

// Time per sample: timeDeltas[i] is the gap before sample i.
const self = new Map();
const chains = new Map();
const total = new Map();
let all = 0;
const deltas = profile.timeDeltas ?? [];
profile.samples.forEach((id, i) => {
  const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
  all += dt;
  const leaf = nodes.get(id);
  const k = keyOf(leaf);
  self.set(k, (self.get(k) ?? 0) + dt);
  if (CALLERS && CALLERS.test(k)) {
    const chain = [];
    for (let n = parent.get(id); n !== undefined && chain.length < 14; n = parent.get(n)) {
      const pk = keyOf(nodes.get(n));
      if (!pk.startsWith('(')) chain.push(pk.split(' ')[0]);
    }
    const ck = `${k.split(' ')[0]} <- ${chain.join(' <- ')}`;
    chains.set(ck, (chains.get(ck) ?? 0) + dt);
  }
  const seen = new Set();
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const key = keyOf(nodes.get(n));
    if (seen.has(key)) continue;
    seen.add(key);
    total.set(key, (total.get(key) ?? 0) + dt);
  }
});

const pct = (ms) => ((100 * ms) / all).toFixed(1).padStart(5);
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP);
process.stdout.write(`${file}: ${all.toFixed(0)} ms sampled, by ${BY}\n  self%  total%  ${BY}\n`);
for (const [k, ms] of rows) process.stdout.write(`  ${pct(ms)}  ${pct(total.get(k) ?? 0)}  ${k}\n`);
if (CALLERS) {
  process.stdout.write(`\ncaller chains of ${CALLERS}:\n`);
  for (const [k, ms] of [...chains.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP))
    process.stdout.write(`  ${pct(ms)}  ${k}\n`);
}
