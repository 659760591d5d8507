import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildSightlineApp } from '../../src/buildSightlineApp';
import type { EnvironmentName } from '../../src/config/SightlineConfig';
import type { SightlineStack } from '../../src/SightlineStack';

/** TEST_ACCOUNT is the made-up account every test synthesizes for, so templates do not depend on credentials. */
export const TEST_ACCOUNT = '123456789012';

/** CdkTemplate is the parsed CloudFormation template of a stack. */
export interface CdkTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;
  Outputs?: Record<string, { Value: unknown; Description?: string }>;
  [section: string]: unknown;
}

/** SynthesizedStage is one stage synthesized offline, plus a cleanup for its cloud-assembly folder. */
export interface SynthesizedStage {
  readonly stack: SightlineStack;
  readonly template: Template;
  readonly json: CdkTemplate;
  cleanup(): void;
}

/** cdkJsonContext is the context block of infra/cdk.json (the feature flags `cdk synth` would apply). */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

/**
 * synthStage builds the app exactly as `cdk synth -c env=<env>` would, with cdk.json's feature flags and no
 * credentials; asset staging is off so the 36 MB kubectl layer is hashed in place instead of copied.
 */
export function synthStage(env: EnvironmentName, context: Record<string, unknown> = {}): SynthesizedStage {
  const outdir = mkdtempSync(join(tmpdir(), `sightline-infra-${env}-`));
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext(),
      env,
      account: TEST_ACCOUNT,
      'aws:cdk:disable-asset-staging': true,
      ...context,
    },
  });
  const stack = buildSightlineApp(app);
  const template = Template.fromStack(stack);
  return {
    stack,
    template,
    json: template.toJSON() as CdkTemplate,
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
