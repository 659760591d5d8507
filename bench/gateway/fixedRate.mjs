// Fixed-rate phase of the gateway benchmark: what the rate limiter adds to latency at a steady load below
// saturation. The Sightline gateway with every feature on (d) against the same gateway with LIMITER_ENABLED=false
// (f), each offered FIXED_RATE req/s by wrk paced with paced.lua, alternated over ROUNDS rounds (the order flips
// every round); quotes p50/p99 of each run and the median of same-round p99 differences (d − f), with a
// distribution-free 95 % interval of that median: the verdict is ✓ or ✗ only when the interval is clear of the
// target, else the noise of the machine was larger than what is being measured and it says so.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { median, medianInterval } from './median.mjs';

/** The issue's bound on what the limiter may add to p99 at 2,000 req/s. */
const TARGET_P99_DELTA_MS = 0.5;
/** An achieved rate below this share of the target is called short in the results. */
const SHORT_BELOW = 0.98;

function pacedWrk(here, port, key, { rate, durationS, connections }) {
  const r = spawnSync(
    'wrk',
    [
      '-t1',
      `-c${connections}`,
      `-d${durationS}s`,
      '-s',
      join(here, 'paced.lua'),
      '-H',
      `x-api-key: ${key}`,
      `http://127.0.0.1:${port}/api/orders`,
    ],
    { encoding: 'utf8', env: { ...process.env, RATE: String(rate) } },
  );
  const line = /^PACED (\{.*\})$/m.exec(r.stdout ?? '');
  if (!line) throw new Error(`wrk gave no PACED line: ${r.stderr || r.stdout}`);
  const s = JSON.parse(line[1]);
  return {
    rps: s.requests / (s.durationUs / 1e6),
    p50: s.p50Us / 1000,
    p99: s.p99Us / 1000,
    p999: s.p999Us / 1000,
    failed: s.connectErrors + s.readErrors + s.writeErrors + s.timeouts,
    non2xx: s.non2xx,
  };
}

/** Both gateways must answer, and only d may carry RateLimit fields: otherwise f is not the limiter-off twin. */
async function checkTwins(ports, key) {
  const head = async (port) => {
    const r = await fetch(`http://127.0.0.1:${port}/api/orders`, { headers: { 'x-api-key': key } });
    await r.arrayBuffer();
    return { status: r.status, limited: r.headers.has('ratelimit-policy') };
  };
  const [d, f] = [await head(ports.d), await head(ports.f)];
  if (d.status !== 200 || f.status !== 200) throw new Error(`gateways answered ${d.status} / ${f.status}`);
  if (!d.limited || f.limited)
    throw new Error(`RateLimit-Policy on d: ${d.limited}, on f: ${f.limited}; expected only on d`);
}

const ms = (x) => x.toFixed(2);
const signed = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;

/**
 * fixedRatePhase runs the rounds and returns the RESULTS.md section; `ports` has the proxy ports of d and f.
 */
export async function fixedRatePhase({
  here,
  ports,
  key,
  rounds,
  durationS,
  rate,
  connections,
  command,
  log,
}) {
  await checkTwins(ports, key);
  const opts = { rate, durationS, connections };
  const loadStart = loadavg();
  log(
    `fixed rate: warm-up, then ${rounds} rounds × 2 configurations × ${durationS} s at ${rate} req/s, ${connections} connections`,
  );
  pacedWrk(here, ports.d, key, { ...opts, durationS: 5 });
  pacedWrk(here, ports.f, key, { ...opts, durationS: 5 });
  const results = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ['d', 'f'] : ['f', 'd'];
    const res = {};
    for (const k of order) res[k] = pacedWrk(here, ports[k], key, opts);
    results.push(res);
    log(
      `round ${r + 1}: ${order.map((k) => `${k} ${res[k].rps.toFixed(0)} req/s p50 ${ms(res[k].p50)} p99 ${ms(res[k].p99)} ms`).join('  ')}  Δp99 ${signed(res.d.p99 - res.f.p99)} ms`,
    );
  }
  const loadEnd = loadavg();
  return fixedRateSection({ results, rounds, durationS, rate, connections, command, loadStart, loadEnd });
}

/** fixedRateSection renders measured rounds as the RESULTS.md section. */
export function fixedRateSection({
  results,
  rounds,
  durationS,
  rate,
  connections,
  command,
  loadStart,
  loadEnd,
  date = new Date(),
}) {
  const deltas = results.map((r) => r.d.p99 - r.f.p99);
  const medDelta = median(deltas);
  const ci = medianInterval(deltas);
  const p50Deltas = results.map((r) => r.d.p50 - r.f.p50);
  const p50ci = medianInterval(p50Deltas);
  const med = (k, f) => median(results.map((r) => r[k][f]));
  const minRate = Math.min(...results.flatMap((r) => [r.d.rps, r.f.rps]));
  const shortRuns = results.flatMap((r, i) =>
    ['d', 'f']
      .filter((k) => r[k].rps < rate * SHORT_BELOW)
      .map((k) => `round ${i + 1} ${k} ${r[k].rps.toFixed(0)}`),
  );
  const bad = results.flatMap((r, i) =>
    ['d', 'f']
      .filter((k) => r[k].failed + r[k].non2xx > 0)
      .map((k) => `round ${i + 1} ${k}: ${r[k].non2xx} non-2xx, ${r[k].failed} socket errors`),
  );
  const load = (l) => l.map((x) => x.toFixed(1)).join(' / ');
  const verdict =
    ci.hi <= TARGET_P99_DELTA_MS
      ? '✓'
      : ci.lo > TARGET_P99_DELTA_MS
        ? '✗'
        : 'not resolved (the interval spans the target)';
  const interval = `${signed(ci.lo)} … ${signed(ci.hi)} ms (${(ci.coverage * 100).toFixed(0)} %)`;
  return [
    `### Gateway limiter overhead at a fixed rate — ${date.toISOString().slice(0, 10)}`,
    '',
    `Command: \`${command}\` (ROUNDS=${rounds}, FIXED_RATE=${rate}, FIXED_DURATION_S=${durationS}, FIXED_CONNECTIONS=${connections}; wrk -t1 -c${connections} paced by \`bench/gateway/paced.lua\` (one send schedule of ${rate} req/s over all connections), GET /api/orders with an API key to one local upstream; d = the Sightline gateway with every feature on (Redis limiter, tracing, OTLP export, access log), f = the same with LIMITER_ENABLED=false; order flipped every round). 2 shared cores, also running wrk, the upstream, Redis and Postgres (load average ${load(loadStart)} at the start, ${load(loadEnd)} at the end): absolute latencies are this machine's, only same-round differences are quoted.`,
    '',
    '| figure | d (limiter on) | f (LIMITER_ENABLED=false) | d − f | target |',
    '|---|---|---|---|---|',
    `| p99 ms, median of same-round differences | | | ${signed(medDelta)} | ≤ ${TARGET_P99_DELTA_MS} ${verdict} |`,
    `| its distribution-free interval (sign test) | | | ${interval} | |`,
    `| p50 ms, median of same-round differences | | | ${signed(median(p50Deltas))} (interval ${signed(p50ci.lo)} … ${signed(p50ci.hi)}) | — |`,
    `| median p99 ms | ${ms(med('d', 'p99'))} | ${ms(med('f', 'p99'))} | | — |`,
    `| median p50 ms | ${ms(med('d', 'p50'))} | ${ms(med('f', 'p50'))} | | — |`,
    `| median achieved req/s | ${med('d', 'rps').toFixed(0)} | ${med('f', 'rps').toFixed(0)} | | ${rate} |`,
    '',
    '| round | order | d req/s | d p50 | d p99 | f req/s | f p50 | f p99 | p99 d − f (ms) |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r, i) =>
        `| ${i + 1} | ${i % 2 === 0 ? 'd, f' : 'f, d'} | ${r.d.rps.toFixed(0)} | ${ms(r.d.p50)} | ${ms(r.d.p99)} | ${r.f.rps.toFixed(0)} | ${ms(r.f.p50)} | ${ms(r.f.p99)} | ${signed(deltas[i])} |`,
    ),
    '',
    shortRuns.length
      ? `Achieved rate fell short of ${rate} req/s by more than ${((1 - SHORT_BELOW) * 100).toFixed(0)} % in ${shortRuns.length} of ${2 * results.length} runs (${shortRuns.join(', ')} req/s): on the shared cores wrk or the gateway fell behind the schedule.`
      : `Every run achieved ${rate} req/s within ${((1 - SHORT_BELOW) * 100).toFixed(0)} % (lowest ${minRate.toFixed(0)}).`,
    bad.length ? `Errors: ${bad.join('; ')}.` : 'Every request answered 2xx, no socket errors.',
    '',
  ];
}
