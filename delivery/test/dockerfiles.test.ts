import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DELIVERED_SERVICES } from './support/DELIVERED_SERVICES';
import { DockerIgnore } from './support/DockerIgnore';
import type { DockerInstruction, DockerStage } from './support/parseDockerfile';
import { parseDockerfile } from './support/parseDockerfile';
import { parseKeyValues } from './support/parseKeyValues';
import { REPO_ROOT } from './support/REPO_ROOT';

const run = promisify(execFile);
const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const rootPackage = JSON.parse(read('package.json')) as { license: string; workspaces: string[] };

const dockerfiles = DELIVERED_SERVICES.map((service) => ({
  service,
  dockerfile: parseDockerfile(read(`${service.name}/Dockerfile`)),
}));

const of = (stage: DockerStage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
const pairs = (stage: DockerStage, keyword: 'ENV' | 'LABEL') =>
  new Map(of(stage, keyword).flatMap((i) => [...parseKeyValues(i.args, keyword)]));
const runs = (stage: DockerStage) => of(stage, 'RUN').map((i) => i.args);

/** healthcheckArgv is the exec-form command of the stage's only HEALTHCHECK. */
function healthcheckArgv(stage: DockerStage): { instruction: DockerInstruction; argv: string[] } {
  const [instruction, ...more] = of(stage, 'HEALTHCHECK');
  expect(instruction).toBeDefined();
  expect(more).toEqual([]);
  const cmd = /^CMD\s+(\[.*\])$/s.exec(instruction!.args);
  expect(cmd).not.toBeNull();
  return { instruction: instruction!, argv: JSON.parse(cmd![1]!) as string[] };
}

/** serveHealth answers every request with the given status, and says which paths were asked. */
async function serveHealth(
  status: number,
): Promise<{ port: number; paths: string[]; close(): Promise<void> }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    paths,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** exitCodeOf runs a command to completion and gives its exit status. */
async function exitCodeOf(argv: string[], env: Record<string, string>): Promise<number> {
  try {
    await run(argv[0]!, argv.slice(1), { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 10_000 });
    return 0;
  } catch (err) {
    return (err as { code?: number }).code ?? -1;
  }
}

describe('the service images', () => {
  it('cover every folder that has a Dockerfile', () => {
    const withDockerfile = readdirSync(REPO_ROOT, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(REPO_ROOT, e.name, 'Dockerfile')))
      .map((e) => e.name)
      .sort();
    expect(withDockerfile).toEqual(DELIVERED_SERVICES.map((s) => s.name).sort());
  });

  it('all start from one Node base image, pinned to a release tag and a digest, so a bump is one change', () => {
    const external = dockerfiles.flatMap(({ dockerfile }) => {
      const names = new Set<string>();
      return dockerfile.stages.flatMap((s) => {
        const fromEarlier = names.has(s.image.toLowerCase());
        if (s.name) names.add(s.name);
        return fromEarlier ? [] : [s.image];
      });
    });
    expect(new Set(external).size).toBe(1);
    expect(external[0]).toMatch(/^node:\d+\.\d+\.\d+-bookworm-slim@sha256:[0-9a-f]{64}$/);
  });
});

describe.each(dockerfiles)('$service.name/Dockerfile', ({ service, dockerfile }) => {
  const { stages } = dockerfile;
  const runtime = stages.at(-1)!;
  const stageByName = new Map(stages.filter((s) => s.name).map((s) => [s.name!, s]));

  it('builds in named stages: dependencies, a build, production dependencies and a separate runtime', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(stages.every((s) => s.name !== undefined)).toBe(true);
    expect(new Set(stages.map((s) => s.name)).size).toBe(stages.length);
    expect(runtime.name).toBe('runtime');
    const allRuns = stages.slice(0, -1).flatMap(runs);
    expect(allRuns.some((r) => /\bnpm ci\b/.test(r) && !r.includes('--omit=dev'))).toBe(true);
    expect(allRuns.some((r) => r.includes(`node scripts/build.mjs ${service.name}`))).toBe(true);
    expect(allRuns.some((r) => new RegExp(`npm ci --omit=dev .*-w ${service.name}\\b`).test(r))).toBe(true);
  });

  it('pins every base image to a version tag, never to latest', () => {
    const seen = new Set<string>();
    for (const stage of stages) {
      if (!seen.has(stage.image.toLowerCase())) {
        const ref = /^(?<repo>[^:@\s]+)(?::(?<tag>[\w.-]+))?(?:@sha256:[0-9a-f]{64})?$/.exec(stage.image);
        expect(ref?.groups?.tag).toMatch(/\d/);
        expect(ref?.groups?.tag).not.toMatch(/latest/);
      }
      if (stage.name) seen.add(stage.name);
    }
  });

  it('runs the final stage as the numeric non-root user 10001', () => {
    const user = of(runtime, 'USER').at(-1)?.args;
    expect(user).toMatch(/^10001(:10001)?$/);
  });

  it(`exposes exactly the ports packages/contracts gives ${service.name}`, () => {
    const exposed = of(runtime, 'EXPOSE')
      .flatMap((i) => i.args.split(/\s+/))
      .map((p) => Number(p.replace(/\/tcp$/, '')));
    expect(exposed.sort()).toEqual([...service.ports].sort());
  });

  it('sets its port variables to those ports and listens on every interface of the container', () => {
    const env = pairs(runtime, 'ENV');
    for (const [name, port] of Object.entries(service.portEnv)) expect(env.get(name)).toBe(String(port));
    const cmd = of(runtime, 'CMD').at(-1)?.execForm ?? [];
    const hostnameFlag = cmd.indexOf('--hostname');
    const listensEverywhere = env.get('HOST') === '0.0.0.0' || cmd[hostnameFlag + 1] === '0.0.0.0';
    expect(listensEverywhere).toBe(true);
  });

  it('declares a HEALTHCHECK that node runs in exec form, with interval, timeout, start period and retries', () => {
    const { instruction, argv } = healthcheckArgv(runtime);
    expect(argv.slice(0, 2)).toEqual(['node', '-e']);
    expect(Object.keys(instruction.flags).sort()).toEqual(['interval', 'retries', 'start-period', 'timeout']);
    expect(argv[2]).toContain(service.healthPath);
    expect(argv[2]).toContain(`||${service.healthPort})`);
  });

  it('has a HEALTHCHECK that passes on a 200 from the health path and fails on a 503 or on silence', async () => {
    const { argv } = healthcheckArgv(runtime);
    const portEnv = Object.entries(service.portEnv).find(([, p]) => p === service.healthPort)![0];
    const healthy = await serveHealth(200);
    const sick = await serveHealth(503);
    try {
      expect(await exitCodeOf(argv, { [portEnv]: String(healthy.port) })).toBe(0);
      expect(healthy.paths).toEqual([service.healthPath]);
      expect(await exitCodeOf(argv, { [portEnv]: String(sick.port) })).toBe(1);
    } finally {
      await healthy.close();
      await sick.close();
    }
    expect(await exitCodeOf(argv, { [portEnv]: String(sick.port) })).toBe(1);
  });

  it('starts node in exec form, so the service itself receives SIGTERM', () => {
    const cmds = of(runtime, 'CMD');
    expect(cmds).toHaveLength(1);
    expect(cmds[0]!.execForm?.[0]).toBe('node');
    for (const entrypoint of of(runtime, 'ENTRYPOINT')) expect(entrypoint.execForm).toBeDefined();
  });

  it('copies only built output and production dependencies into the runtime stage', () => {
    const copies = of(runtime, 'COPY');
    expect(copies.length).toBeGreaterThan(0);
    expect(of(runtime, 'ADD')).toEqual([]);
    for (const copy of copies) {
      // Never from the build context: only from earlier stages, so no source or secret slips in.
      const from = stageByName.get(copy.flags.from ?? '');
      expect(from).toBeDefined();
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const source of sources) {
        expect(source).toMatch(
          /(\/node_modules|\/dist|\/\.next|\/package\.json|\/next\.config\.mjs|\/rules\/slos)$/,
        );
        // node_modules only ever come from the stage that installed production dependencies alone.
        if (source.endsWith('/node_modules')) expect(runs(from!).join('\n')).toContain('npm ci --omit=dev');
      }
      // Root keeps ownership: the service cannot rewrite its own code or dependencies.
      expect(copy.flags.chown).toBeUndefined();
      expect(copy.flags.chmod).toBeUndefined();
    }
    expect(copies.some((c) => c.flags.from === 'build')).toBe(true);
  });

  it('ships the SLO specs at SLO_SPECS_DIR when the service reads them', () => {
    const specsDir = pairs(runtime, 'ENV').get('SLO_SPECS_DIR');
    const copiesSpecs = of(runtime, 'COPY').some((c) => c.args === '/app/rules/slos ./rules/slos');
    expect(copiesSpecs).toBe(specsDir !== undefined);
    if (specsDir !== undefined) expect(specsDir).toBe(`${of(runtime, 'WORKDIR').at(-1)?.args}/rules/slos`);
  });

  it('keeps HOME and every writable path under /tmp, so it runs with --read-only --tmpfs /tmp', () => {
    const env = pairs(runtime, 'ENV');
    expect(env.get('HOME')).toBe('/tmp');
    for (const [name, value] of env) {
      if (/(_DIR|_HOME)$/.test(name) && name !== 'SLO_SPECS_DIR')
        expect(`${name}=${value}`).toMatch(/=\/tmp\//);
    }
    expect(runs(runtime).join('\n')).not.toMatch(/\bch(own|mod)\b/);
  });

  it('downloads nothing with ADD and bakes no secret into an ENV or ARG', () => {
    for (const stage of stages) {
      for (const add of of(stage, 'ADD')) expect(add.args).not.toMatch(/https?:\/\//);
      const declared = [
        ...of(stage, 'ENV').flatMap((i) => [...parseKeyValues(i.args, 'ENV')]),
        ...of(stage, 'ARG').flatMap((i) => [...parseKeyValues(i.args, 'ARG')]),
      ];
      for (const [name, value] of declared) {
        if (/(TOKEN|_KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL)/i.test(name))
          expect(`${name}=${value ?? ''}`).toBe(`${name}=`);
      }
    }
  });

  it('labels the image with the OCI annotations of its own service, version and revision', () => {
    const labels = pairs(runtime, 'LABEL');
    const oci = (key: string) => labels.get(`org.opencontainers.image.${key}`);
    expect(oci('title')).toBe(`sightline-${service.name}`);
    expect(oci('description')).toMatch(new RegExp(`^Sightline ${service.name}: .{20,}$`));
    expect(oci('source')).toMatch(/^https:\/\/github\.com\//);
    expect(oci('url')).toBe(`${oci('source')}/tree/main/${service.name}`);
    expect(oci('licenses')).toBe(rootPackage.license);
    expect(oci('version')).toBe('${VERSION}');
    expect(oci('revision')).toBe('${REVISION}');
    const args = of(runtime, 'ARG').flatMap((i) => [...parseKeyValues(i.args, 'ARG').keys()]);
    expect(args).toEqual(expect.arrayContaining(['VERSION', 'REVISION']));
  });

  if (service.name === 'reports') {
    it('installs Chromium, fonts and an init process in the runtime stage, for printing reports to PDF', () => {
      const installs = runs(runtime).join('\n');
      expect(installs).toMatch(/apt-get install -y --no-install-recommends[\s\S]*\bchromium\b/);
      expect(installs).toMatch(/\bfonts-liberation\b/);
      expect(installs).toMatch(/rm -rf \/var\/lib\/apt\/lists/);
      expect(pairs(runtime, 'ENV').get('CHROMIUM_PATH')).toBe('/usr/bin/chromium');
      expect(of(runtime, 'ENTRYPOINT')[0]?.execForm).toEqual(['/usr/bin/tini', '--']);
    });
  }
});

describe('.dockerignore', () => {
  const ignore = DockerIgnore.fromText(read('.dockerignore'));

  it('leaves installed dependencies, git metadata, test output, build output and caches out of the context', () => {
    for (const path of [
      'node_modules/express/index.js',
      'collector/node_modules/@opentelemetry/otlp-transformer/package.json',
      '.git/HEAD',
      '.sightline-test/jest.json',
      '.sightline/postgres/PG_VERSION',
      'gateway/dist/main.js',
      'dashboard/.next/cache/webpack/x.pack',
      'dashboard/.next/BUILD_ID',
      'tsconfig.tsbuildinfo',
      'coverage/lcov.info',
      'docs/site-dist/index.html',
      'infra/cdk.out/manifest.json',
      'gateway/test/gateway.test.ts',
      '.env',
      'auth/.env.local',
    ]) {
      expect(`${path}: ${ignore.ignores(path)}`).toBe(`${path}: true`);
    }
  });

  it('keeps everything an image build reads: manifests, the lockfile, sources, build script and SLO specs', () => {
    const workspaces = rootPackage.workspaces.flatMap((w) =>
      w.endsWith('/*')
        ? readdirSync(join(REPO_ROOT, w.slice(0, -2))).map((p) => `${w.slice(0, -2)}/${p}`)
        : [w],
    );
    for (const path of [
      'package.json',
      'package-lock.json',
      'tsconfig.base.json',
      'scripts/build.mjs',
      ...workspaces.map((w) => `${w}/package.json`),
      ...DELIVERED_SERVICES.filter((s) => s.name !== 'dashboard').map((s) => `${s.name}/src/main.ts`),
      'packages/contracts/src/index.ts',
      'dashboard/app/page.tsx',
      'dashboard/next.config.mjs',
      'dashboard/tsconfig.json',
      'rules/slos/tenants.yaml',
    ]) {
      expect(`${path}: ${ignore.ignores(path)}`).toBe(`${path}: false`);
    }
  });
});
