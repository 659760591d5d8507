import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cdkJsonContext, TEST_ACCOUNT } from './support/synthStage';

const INFRA = join(__dirname, '..');

// Runs cdk.json's "app" command the way the CDK CLI does (context and output folder through the environment),
// so `npx cdk synth -c env=staging` is known to work without the CLI being installed here.
describe('the cdk.json app command', () => {
  let outdir: string;
  let run: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'sightline-infra-cli-'));
    const cdkJson = JSON.parse(readFileSync(join(INFRA, 'cdk.json'), 'utf8')) as { app: string };
    const [command, ...args] = cdkJson.app.split(' ');
    run = spawnSync(command === 'node' ? process.execPath : command!, args, {
      cwd: INFRA,
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        ...process.env,
        CDK_OUTDIR: outdir,
        CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJsonContext(), env: 'staging', account: TEST_ACCOUNT }),
      },
    });
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('synthesizes the staging stack for the configured account and region into the CLI output folder', () => {
    expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
      artifacts: Record<
        string,
        { type: string; environment?: string; properties?: { templateFile?: string } }
      >;
    };
    const stack = manifest.artifacts['Sightline-staging'];
    expect(stack).toMatchObject({
      type: 'aws:cloudformation:stack',
      environment: `aws://${TEST_ACCOUNT}/eu-west-1`,
      properties: { templateFile: 'Sightline-staging.template.json' },
    });
    const template = JSON.parse(readFileSync(join(outdir, 'Sightline-staging.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string }>;
    };
    const types = new Set(Object.values(template.Resources).map((r) => r.Type));
    for (const type of [
      'AWS::EC2::VPC',
      'Custom::AWSCDK-EKS-Cluster',
      'AWS::RDS::DBInstance',
      'AWS::ElastiCache::ReplicationGroup',
      'AWS::OpenSearchService::Domain',
      'AWS::S3::Bucket',
      'AWS::Budgets::Budget',
    ]) {
      expect(types).toContain(type);
    }
    // The kubectl layer and handler assets are staged for `cdk deploy` to upload.
    expect(existsSync(join(outdir, 'Sightline-staging.assets.json'))).toBe(true);
  });
});
