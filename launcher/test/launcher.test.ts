import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLauncherConfig } from '../src/config';
import { portsFor, processPlan } from '../src/processPlan';
import { loadOrCreateSecrets } from '../src/secrets';
import { Supervisor } from '../src/Supervisor';
import { waitFor } from '@sightline/testing';

const root = join(__dirname, '..', '..');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('launcher configuration', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'launcher', 'dist', 'main.js'))) {
      spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'launcher', '--no-dashboard'], {
        stdio: 'inherit',
      });
    }
  });

  it('stops with one line naming DATABASE_URL when it is malformed, and a non-zero exit', () => {
    const r = spawnSync(process.execPath, [join(root, 'launcher', 'dist', 'main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: 'mysql://user:hunter2@db/x',
        SIGHTLINE_DATA_DIR: mkdtempSync(join(tmpdir(), 'sl-')),
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/DATABASE_URL/);
    expect(r.stderr).not.toContain('hunter2');
  });

  it('rejects a PORT_OFFSET that would push ports out of range, naming the variable', () => {
    expect(() => loadLauncherConfig({ PORT_OFFSET: '60000' })).toThrow(/PORT_OFFSET/);
    // 12000 keeps most ports valid but puts embedded Postgres (54329) past 65535.
    expect(() => loadLauncherConfig({ PORT_OFFSET: '12000' })).toThrow(/PORT_OFFSET.*at most 11206/);
    expect(loadLauncherConfig({ PORT_OFFSET: '11206' }).PORT_OFFSET).toBe(11206);
  });
});

describe('processPlan', () => {
  const base = loadLauncherConfig({ SIGHTLINE_DATA_DIR: '/tmp/x' });
  const inputs = {
    config: base,
    databaseUrl: 'postgres://p@h/db',
    internalToken: 't'.repeat(24),
    adminPassword: 'pw-123456',
  };

  it('starts the collector, auth and upstream before the gateway, alerting, api and reports, then the console, then traffic', () => {
    const stages = processPlan(inputs).map((s) => s.map((p) => p.name));
    expect(stages).toEqual([
      ['collector', 'auth', 'upstream'],
      ['gateway', 'alerting', 'api', 'reports'],
      ['dashboard'],
      ['traffic'],
    ]);
  });

  it('applies PORT_OFFSET to every port and wires services to each other on those ports', () => {
    const cfg = loadLauncherConfig({ SIGHTLINE_DATA_DIR: '/tmp/x', PORT_OFFSET: '100' });
    const ports = portsFor(100);
    expect(ports.gateway).toBe(8180);
    const gateway = processPlan({ ...inputs, config: cfg })
      .flat()
      .find((p) => p.name === 'gateway')!;
    expect(gateway.env).toMatchObject({
      GATEWAY_PORT: '8180',
      AUTH_URL: 'http://127.0.0.1:8181',
      UPSTREAM_URL: 'http://127.0.0.1:8170',
    });
  });

  it('passes REDIS_URL to the gateway only when it is set, and never runs traffic when DEMO_TRAFFIC is off', () => {
    const without = processPlan(inputs)
      .flat()
      .find((p) => p.name === 'gateway')!;
    expect(without.env.REDIS_URL).toBeUndefined();
    const cfg = loadLauncherConfig({
      SIGHTLINE_DATA_DIR: '/tmp/x',
      REDIS_URL: 'redis://127.0.0.1:6379',
      DEMO_TRAFFIC: 'false',
    });
    const plan = processPlan({ ...inputs, config: cfg }).flat();
    expect(plan.find((p) => p.name === 'gateway')!.env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(plan.map((p) => p.name)).not.toContain('traffic');
  });
});

describe('secrets', () => {
  it('generates local secrets once, readable only by the owner, and reuses them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-secrets-'));
    const a = loadOrCreateSecrets(dir);
    const b = loadOrCreateSecrets(dir);
    expect(a).toEqual(b);
    expect(a.internalToken.length).toBeGreaterThanOrEqual(24);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });
});

describe('Supervisor', () => {
  it('stops every child and its grandchildren, leaving no orphan process', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'sl-sup-')), 'grandchild.pid');
    const sup = new Supervisor('test', () => undefined);
    // The child spawns a grandchild that ignores SIGTERM: only a group kill removes it.
    sup.start({
      name: 'parent',
      command: process.execPath,
      args: [
        '-e',
        `const {spawn}=require('child_process');const fs=require('fs');` +
          `const g=spawn(process.execPath,['-e',"process.on('SIGTERM',()=>{});setInterval(()=>{},1000)"],{stdio:'ignore'});` +
          `fs.writeFileSync(${JSON.stringify(pidFile)},String(g.pid));setInterval(()=>{},1000)`,
        '--',
      ],
      cwd: root,
      env: {},
    });
    const grandchild = await waitFor(() => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0));
    const [parent] = sup.pids();
    expect(alive(parent!)).toBe(true);
    expect(alive(grandchild)).toBe(true);
    await sup.stopAll(1000);
    await waitFor(() => !alive(grandchild) && !alive(parent!), 5000);
    expect(alive(parent!)).toBe(false);
    expect(alive(grandchild)).toBe(false);
  });

  it('reports a child that exits on its own', async () => {
    const exits: [string, number | null][] = [];
    const sup = new Supervisor('test', (name, code) => exits.push([name, code]));
    sup.start({
      name: 'quitter',
      command: process.execPath,
      args: ['-e', 'process.exit(3)', '--'],
      cwd: root,
      env: {},
    });
    await waitFor(() => exits.length > 0);
    expect(exits).toEqual([['quitter', 3]]);
  });
});

describe('service start-up failures', () => {
  const bundle = (service: string) => join(root, service, 'dist', 'main.js');
  beforeAll(() => {
    if (!existsSync(bundle('demo')) || !existsSync(bundle('gateway'))) {
      spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'demo', 'gateway', '--no-dashboard'], {
        stdio: 'inherit',
      });
    }
  });

  it('stops with one line naming the port when the port is already in use, and a non-zero exit', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    const r = spawnSync(process.execPath, [bundle('demo')], {
      env: { ...process.env, DEMO_UPSTREAM_PORT: String(port), OTLP_ENDPOINT: '' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    blocker.close();
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`port ${port} is already in use`);
  });

  it('stops with one line naming a missing required variable', () => {
    const r = spawnSync(process.execPath, [bundle('gateway')], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/INTERNAL_TOKEN/);
  });
});
