import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './support/REPO_ROOT';

const SMOKE = join(REPO_ROOT, 'delivery', 'smoke.mjs');
const SMOKE_RELEASE = join(REPO_ROOT, 'delivery', 'smoke-release.sh');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** runCommand runs a command to completion without blocking this process, so the fake servers keep answering. */
function runCommand(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? -1) : 0;
      resolve({ code: typeof code === 'number' ? code : -1, stdout, stderr });
    });
  });
}

/** FakeSite answers each path with the status its table gives (or a function of how often it was asked). */
type Answers = Record<string, number | ((hit: number) => number)>;

const servers: Server[] = [];
const hits = new Map<string, number>();

async function fakeSite(name: string, answers: Answers): Promise<string> {
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const key = `${name} ${path}`;
    const hit = (hits.get(key) ?? 0) + 1;
    hits.set(key, hit);
    const answer = answers[path];
    const status = answer === undefined ? 404 : typeof answer === 'number' ? answer : answer(hit);
    res.writeHead(status, { 'content-type': 'text/plain' }).end(`${name} ${path}`);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const healthyConsole: Answers = { '/login': 200, '/openapi.json': 200, '/v1/tenants': 401 };
const healthyGateway: Answers = { '/': 401 };
const healthyService: Answers = { '/healthz': 200, '/readyz': 200 };

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  hits.clear();
});

describe('delivery/smoke.mjs', () => {
  it('passes when the console, the gateway and every service answer as a healthy deployment does', async () => {
    const args = [
      SMOKE,
      '--console-url',
      `${await fakeSite('console', healthyConsole)}/`,
      '--gateway-url',
      await fakeSite('gateway', healthyGateway),
      '--service',
      `auth=${await fakeSite('auth', healthyService)}`,
      '--service',
      `alerting=${await fakeSite('alerting', healthyService)}`,
      '--attempts',
      '1',
    ];
    const ran = await runCommand(process.execPath, args);
    expect(ran.stdout.trim().split('\n').at(-1)).toBe('8 passed, 0 failed');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(
      /^ok {3}api refuses anonymous calls: http:\/\/127\.0\.0\.1:\d+\/v1\/tenants → HTTP 401/m,
    );
    expect(ran.stdout).toMatch(/^ok {3}alerting \/readyz: .* → HTTP 200/m);
  });

  it('fails and names the check when a service stays unready, after using up its attempts', async () => {
    const auth = await fakeSite('auth', { '/healthz': 200, '/readyz': 503 });
    const ran = await runCommand(process.execPath, [
      SMOKE,
      '--service',
      `auth=${auth}`,
      '--attempts',
      '3',
      '--interval-ms',
      '20',
    ]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain(`FAIL auth /readyz: ${auth}/readyz → HTTP 503 (expected HTTP 200;`);
    expect(ran.stdout).toMatch(/attempt 3\)\n/);
    expect(ran.stdout.trim().split('\n').at(-1)).toBe('1 passed, 1 failed');
    expect(hits.get('auth /readyz')).toBe(3);
    expect(hits.get('auth /healthz')).toBe(1);
  });

  it('retries a check until it passes, since fresh endpoints take a moment to settle', async () => {
    const api = await fakeSite('api', { '/healthz': 200, '/readyz': (hit) => (hit < 3 ? 503 : 200) });
    const ran = await runCommand(process.execPath, [SMOKE, '--service', `api=${api}`, '--interval-ms', '20']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^ok {3}api \/readyz: .*attempt 3\)$/m);
  });

  it('fails when the api lets an anonymous caller in, since a 200 where a 401 belongs is a broken deployment', async () => {
    const site = await fakeSite('console', { ...healthyConsole, '/v1/tenants': 200 });
    const ran = await runCommand(process.execPath, [SMOKE, '--console-url', site, '--attempts', '1']);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain('FAIL api refuses anonymous calls');
  });

  it('fails on a service that does not answer at all, saying so', async () => {
    const gone = await fakeSite('gone', healthyService);
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
    const ran = await runCommand(process.execPath, [SMOKE, '--service', `gone=${gone}`, '--attempts', '1']);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain(`FAIL gone /healthz: ${gone}/healthz → ECONNREFUSED`);
  });

  it.each([
    [[], 'nothing to check'],
    [['--service', 'auth'], '--service must be NAME=BASE_URL'],
    [['--console-url', 'console.example.com'], '--console-url must be an http(s) URL'],
    [['--attempts', '0', '--service', 'a=http://x'], '--attempts must be a whole number from 1'],
    [['--gateway-url'], '--gateway-url needs a value'],
    [['--colour', 'yes'], 'unknown option --colour'],
  ])('refuses %j with exit status 2 and says why', async (args, message) => {
    const ran = await runCommand(process.execPath, [SMOKE, ...args]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(`smoke: ${message}`);
    expect(ran.stdout).toBe('');
  });
});

describe('delivery/smoke-release.sh', () => {
  let bin: string;
  let kubectlLog: string;

  const FAKE_HELM = `#!/usr/bin/env node
// Fake helm: \`helm get values <release> --namespace <ns> --all --output json\` prints FAKE_HELM_VALUES.
const args = process.argv.slice(2);
if (args[0] !== 'get' || args[1] !== 'values' || !args.includes('--all')) process.exit(64);
process.stdout.write(require('node:fs').readFileSync(process.env.FAKE_HELM_VALUES, 'utf8'));
`;
  const FAKE_KUBECTL = `#!/usr/bin/env node
// Fake kubectl: \`port-forward --namespace <ns> svc/<name> <local>:<remote>\` serves /healthz and /readyz on <local>.
const args = process.argv.slice(2);
require('node:fs').appendFileSync(process.env.FAKE_KUBECTL_LOG, args.join(' ') + '\\n');
const svc = args.find((a) => a.startsWith('svc/'));
const local = Number(args.at(-1).split(':')[0]);
const unready = (process.env.FAKE_UNREADY || '').split(',').some((s) => s && svc.endsWith('-' + s));
require('node:http')
  .createServer((req, res) => res.writeHead(req.url === '/readyz' && unready ? 503 : 200).end())
  .listen(local, '127.0.0.1');
`;

  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), 'sightline-smoke-'));
    kubectlLog = join(bin, 'kubectl.log');
    writeFileSync(join(bin, 'helm'), FAKE_HELM);
    writeFileSync(join(bin, 'kubectl'), FAKE_KUBECTL);
    chmodSync(join(bin, 'helm'), 0o755);
    chmodSync(join(bin, 'kubectl'), 0o755);
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  async function smokeRelease(values: object, env: Record<string, string>): Promise<Ran & { base: number }> {
    writeFileSync(join(bin, 'values.json'), JSON.stringify(values));
    writeFileSync(kubectlLog, '');
    // A random block of local ports, so parallel runs on one machine do not collide. It stays below Linux's
    // ephemeral range (32768 and up), where another test's outgoing connection or port-0 server may hold the port.
    const base = 20_000 + Math.floor(Math.random() * 1_200) * 10;
    const ran = await runCommand('bash', [SMOKE_RELEASE], {
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      FAKE_HELM_VALUES: join(bin, 'values.json'),
      FAKE_KUBECTL_LOG: kubectlLog,
      SMOKE_LOCAL_PORT_BASE: String(base),
      // Generous: on a busy machine a fake port-forward (a node process) takes seconds to listen.
      SMOKE_ARGS: '--attempts 100 --interval-ms 100',
      ...env,
    });
    return { ...ran, base };
  }

  const values = (overrides: Record<string, unknown> = {}) => ({
    ingress: { enabled: true, hosts: { console: 'console.example.com', gateway: 'gateway.example.com' } },
    gateway: { enabled: true },
    auth: { enabled: true },
    collector: { enabled: true },
    alerting: { enabled: true },
    api: { enabled: true },
    dashboard: { enabled: true },
    reports: { enabled: false },
    ...overrides,
  });

  const portClosed = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });

  it("forwards to each enabled service's health port by the chart's object names and smoke-tests it all", async () => {
    const ran = await smokeRelease(values(), {
      RELEASE: 'blue',
      NAMESPACE: 'sightline-staging',
      CONSOLE_URL: await fakeSite('console', healthyConsole),
      GATEWAY_URL: await fakeSite('gateway', healthyGateway),
    });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout.trim().split('\n').at(-1)).toBe('16 passed, 0 failed');
    const b = ran.base;
    // The forwards start side by side, so their log lines arrive in any order.
    expect(readFileSync(kubectlLog, 'utf8').trim().split('\n').sort()).toEqual(
      [
        `port-forward --namespace sightline-staging svc/blue-sightline-gateway ${b + 1}:8090`,
        `port-forward --namespace sightline-staging svc/blue-sightline-auth ${b + 2}:8081`,
        `port-forward --namespace sightline-staging svc/blue-sightline-collector ${b + 3}:4318`,
        `port-forward --namespace sightline-staging svc/blue-sightline-alerting ${b + 4}:9095`,
        `port-forward --namespace sightline-staging svc/blue-sightline-api ${b + 5}:4000`,
        `port-forward --namespace sightline-staging svc/blue-sightline-dashboard ${b + 6}:3000`,
      ].sort(),
    );
    // The port-forwards end with the script.
    expect(await portClosed(b + 1)).toBe(true);
  });

  it('names objects after the release alone when the release name already contains the chart name', async () => {
    const ran = await smokeRelease(values({ ingress: { enabled: false }, api: { enabled: false } }), {
      RELEASE: 'sightline',
      NAMESPACE: 'sightline',
    });
    // Compared with the output, so a failure says which check failed.
    expect({ code: ran.code, stdout: ran.stdout, stderr: ran.stderr }).toMatchObject({ code: 0, stderr: '' });
    expect(ran.stdout).not.toContain('dashboard login page');
    expect(readFileSync(kubectlLog, 'utf8')).toContain('svc/sightline-gateway ');
    expect(readFileSync(kubectlLog, 'utf8')).not.toContain('svc/sightline-api ');
  });

  it('fails, so deploy.yml rolls back, when a service behind its port-forward is not ready', async () => {
    const ran = await smokeRelease(values({ ingress: { enabled: false } }), {
      RELEASE: 'sightline',
      NAMESPACE: 'sightline',
      FAKE_UNREADY: 'alerting',
      SMOKE_ARGS: '--attempts 40 --interval-ms 100',
    });
    expect(ran.code).toBe(1);
    expect(ran.stdout).toMatch(/^FAIL alerting \/readyz: .* → HTTP 503/m);
    expect(ran.stdout).toMatch(/^ok {3}alerting \/healthz/m);
  });

  it('refuses to run without a release and a namespace', async () => {
    const ran = await smokeRelease(values(), { RELEASE: '', NAMESPACE: 'sightline' });
    expect(ran.code).not.toBe(0);
    expect(ran.stderr).toContain('set RELEASE to the Helm release name');
  });
});
