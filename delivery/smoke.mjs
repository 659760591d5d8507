// Smoke test of a deployed Sightline: deploy.yml runs it after every `helm upgrade`, and rolls back when it fails.
//
//   node delivery/smoke.mjs [--console-url URL] [--gateway-url URL] [--service NAME=BASE_URL]...
//                           [--attempts N] [--interval-ms MS] [--timeout-ms MS]
//
// --console-url   the console host through the ingress: the dashboard renders /login (200), the api serves its
//                 OpenAPI document (200) and refuses an anonymous /v1/tenants (401).
// --gateway-url   the gateway host through the ingress: an anonymous request is refused (401), which proves the
//                 request reached the gateway and the gateway reached auth's keys (the upstream is the user's).
// --service       one service's probe base, e.g. gateway=http://127.0.0.1:18090 (a kubectl port-forward): its
//                 /healthz (alive) and /readyz (dependencies reachable) must both answer 200.
//
// Each check is retried (--attempts, --interval-ms) because an ingress and fresh endpoints take a moment to settle.
// Prints one line per check, then `N passed, N failed`; exits 0 only when every check passed (2 on bad usage).
// Node 20's fetch and nothing else, so the deploy job runs it without `npm ci`.
/* global fetch, AbortSignal -- Node 20 globals; the repo's ESLint config declares none for .mjs files. */
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';

const USAGE =
  'usage: node delivery/smoke.mjs [--console-url URL] [--gateway-url URL] [--service NAME=BASE_URL]... ' +
  '[--attempts N] [--interval-ms MS] [--timeout-ms MS]';

const NUMBERS = {
  '--attempts': { key: 'attempts', min: 1 },
  '--interval-ms': { key: 'intervalMs', min: 0 },
  '--timeout-ms': { key: 'timeoutMs', min: 1 },
};

/** parseArgs turns argv into options, or returns a message that says what is wrong. */
function parseArgs(argv) {
  const options = { services: [], attempts: 10, intervalMs: 3000, timeoutMs: 5000 };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) return `${flag} needs a value`;
    i += 1;
    if (flag === '--console-url' || flag === '--gateway-url') {
      const url = parseBaseUrl(value);
      if (url === undefined) return `${flag} must be an http(s) URL, got ${value}`;
      options[flag === '--console-url' ? 'consoleUrl' : 'gatewayUrl'] = url;
    } else if (flag === '--service') {
      const eq = value.indexOf('=');
      const name = value.slice(0, eq);
      const url = eq > 0 ? parseBaseUrl(value.slice(eq + 1)) : undefined;
      if (!/^[a-z][a-z0-9-]*$/.test(name) || url === undefined)
        return `--service must be NAME=BASE_URL (http or https), got ${value}`;
      options.services.push({ name, url });
    } else if (flag in NUMBERS) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < NUMBERS[flag].min)
        return `${flag} must be a whole number from ${NUMBERS[flag].min}, got ${value}`;
      options[NUMBERS[flag].key] = n;
    } else {
      return `unknown option ${flag}`;
    }
  }
  if (!options.consoleUrl && !options.gatewayUrl && options.services.length === 0)
    return 'nothing to check: give --console-url, --gateway-url or --service';
  return options;
}

/** parseBaseUrl accepts an http(s) URL and drops any trailing slash, so paths can be appended. */
function parseBaseUrl(raw) {
  if (!/^https?:\/\/[^\s/]+/.test(raw)) return undefined;
  return raw.replace(/\/+$/, '');
}

/** checksFor lists every check the options ask for, in the order they are reported. */
function checksFor(options) {
  const checks = [];
  if (options.consoleUrl) {
    const base = options.consoleUrl;
    checks.push({ name: 'dashboard login page', url: `${base}/login`, status: 200 });
    checks.push({ name: 'api OpenAPI document', url: `${base}/openapi.json`, status: 200 });
    checks.push({ name: 'api refuses anonymous calls', url: `${base}/v1/tenants`, status: 401 });
  }
  if (options.gatewayUrl) {
    checks.push({ name: 'gateway refuses anonymous calls', url: `${options.gatewayUrl}/`, status: 401 });
  }
  for (const { name, url } of options.services) {
    checks.push({ name: `${name} /healthz`, url: `${url}/healthz`, status: 200 });
    checks.push({ name: `${name} /readyz`, url: `${url}/readyz`, status: 200 });
  }
  return checks;
}

/** probe makes one request and describes what came back. */
async function probe(check, timeoutMs) {
  const started = Date.now();
  try {
    const res = await fetch(check.url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return { ok: res.status === check.status, seen: `HTTP ${res.status}`, ms: Date.now() - started };
  } catch (err) {
    const reason = err?.cause?.code ?? err?.cause?.message ?? err?.name ?? 'error';
    return { ok: false, seen: reason, ms: Date.now() - started };
  }
}

/** runCheck retries one check until it passes or its attempts are used up. */
async function runCheck(check, options) {
  let last;
  for (let attempt = 1; attempt <= options.attempts; attempt += 1) {
    last = await probe(check, options.timeoutMs);
    if (last.ok) return { ...last, attempt };
    if (attempt < options.attempts) await sleep(options.intervalMs);
  }
  return { ...last, attempt: options.attempts };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (typeof options === 'string') {
    process.stderr.write(`smoke: ${options}\n${USAGE}\n`);
    process.exit(2);
  }
  const checks = checksFor(options);
  // All at once: a slow check's retries must not eat into another's.
  const results = await Promise.all(checks.map((c) => runCheck(c, options)));
  let failed = 0;
  results.forEach((r, i) => {
    const c = checks[i];
    if (!r.ok) failed += 1;
    const tries = r.attempt > 1 ? `, attempt ${r.attempt}` : '';
    process.stdout.write(
      `${r.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.url} → ${r.seen} (expected HTTP ${c.status}; ${r.ms} ms${tries})\n`,
    );
  });
  process.stdout.write(`${checks.length - failed} passed, ${failed} failed\n`);
  process.exit(failed === 0 ? 0 : 1);
}

await main();
