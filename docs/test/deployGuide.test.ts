import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environments } from '../../infra/src/config/environments';
import { SERVICE_DIRS } from '../src/collectPages';
import { configurationChunks } from '../src/configurationChunks';
import { REPO_ROOT } from './support/buildRepoSite';

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const guide = read('docs/deploy-guide.md');
// Prose wraps anywhere, so sentences are matched on the text with every run of whitespace made one space.
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The body of the `## <heading>` section of a Markdown page, up to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no section "## ${heading}"`);
  return markdown.slice(start + 1).split(/\n## /)[0]!;
}

/** `secret key` for every table row that starts with a Secret name and a key, both in backticks. */
const secretRows = (markdown: string) =>
  [...markdown.matchAll(/^\| `([a-z0-9-]+)` +\| `([a-z0-9-]+)` +\|/gm)].map((m) => `${m[1]} ${m[2]}`).sort();

/** The variable names a service's zod config schema declares (two-space-indented `NAME:` keys). */
const configKeys = (path: string) => [...read(path).matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);

describe('the deploy guide agrees with the chart and the CDK app', () => {
  it('lists in step 5 exactly the Secrets and keys of the chart’s README table, which values.yaml generates', () => {
    const inGuide = secretRows(section(guide, '5. Create the Secrets'));
    const inChart = secretRows(section(read('helm/README.md'), 'Secrets to create first'));
    expect(inGuide.length).toBeGreaterThan(10);
    expect(inGuide).toEqual(inChart);
  });

  it('quotes each stage’s VPC CIDR as infra/src/config/environments.ts defines it', () => {
    const { dev, staging, prod } = environments;
    const text = flat(guide);
    expect(text).toContain(
      `The VPC is \`${dev.network.cidr}\` in dev, \`${staging.network.cidr}\` in staging and \`${prod.network.cidr}\` in prod`,
    );
    expect(text).toContain(
      `The file ships with \`${prod.network.cidr}\`, the VPC the CDK app makes for prod (\`values-staging.yaml\` ships with staging's, \`${staging.network.cidr}\`)`,
    );
    // Any other 10.x CIDR in the guide would be one a newcomer might copy by mistake.
    const quoted = new Set([...guide.matchAll(/\b10\.\d+\.\d+\.\d+\/\d+/g)].map((m) => m[0]));
    expect([...quoted].sort()).toEqual([dev.network.cidr, staging.network.cidr, prod.network.cidr].sort());
  });

  it('documents REDIS_CLUSTER_NODES, REDIS_CLUSTER_TLS and REDIS_CLUSTER_PASSWORD for the CDK app’s ElastiCache', () => {
    const stack = read('infra/src/SightlineStack.ts');
    for (const output of ['RedisConfigurationEndpoint', 'RedisAuthTokenSecretArn'])
      expect([output, stack]).toEqual([output, expect.stringContaining(`'${output}'`)]);
    const redis = flat(section(guide, '5. Create the Secrets'));
    expect(redis).toContain(
      '`REDIS_CLUSTER_NODES` = `<configuration endpoint>:6379`, the `RedisConfigurationEndpoint` output',
    );
    expect(redis).toContain('`REDIS_CLUSTER_TLS` = `true`');
    expect(redis).toContain(
      '`REDIS_CLUSTER_PASSWORD` = the AUTH token, the secret of the `RedisAuthTokenSecretArn` output',
    );
    // The key the guide names is the one the staging and prod values mount for the password.
    for (const env of ['staging', 'prod']) {
      const values = read(`helm/sightline/values-${env}.yaml`);
      expect([env, values]).toEqual([
        env,
        expect.stringContaining('REDIS_CLUSTER_PASSWORD: { secretName: sightline-redis, key: auth-token }'),
      ]);
    }
    expect(redis).toContain('it comes from key **`auth-token`** of Secret `sightline-redis`');
    // The single-server path stays documented as the alternative.
    expect(redis).toContain('**One Redis server**');
    // The old limitation, from when the cluster client took no TLS and no password, is gone everywhere.
    expect(flat(guide)).not.toContain('takes no TLS and no password');
    expect(flat(read('infra/README.md'))).not.toContain('the gateway cannot use this cache');
  });

  it('names every REDIS_* variable of the gateway in the guide or on the generated configuration page', () => {
    const redisKeys = configKeys('gateway/src/config.ts').filter((k) => k.startsWith('REDIS_'));
    expect(redisKeys).toEqual(
      expect.arrayContaining(['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_CLUSTER_TLS']),
    );
    const configurationPage = configurationChunks(REPO_ROOT, SERVICE_DIRS)
      .flatMap((chunk) => chunk.tokens.map((token) => token.raw))
      .join('');
    const missing = redisKeys.filter(
      (k) => !guide.includes(`\`${k}\``) && !configurationPage.includes(`\`${k}\``),
    );
    expect(missing).toEqual([]);
  });

  it('documents every OPENSEARCH_* variable of the collector, and sends the OpenSearchEndpoint output to OPENSEARCH_URL', () => {
    const openSearchKeys = configKeys('collector/src/config.ts').filter((k) => k.startsWith('OPENSEARCH_'));
    expect(openSearchKeys).toEqual(
      expect.arrayContaining([
        'OPENSEARCH_URL',
        'OPENSEARCH_PREFIX',
        'OPENSEARCH_RETENTION_DAYS',
        'OPENSEARCH_AWS_REGION',
      ]),
    );
    expect(openSearchKeys.filter((k) => !guide.includes(`\`${k}\``))).toEqual([]);
    expect(read('infra/src/SightlineStack.ts')).toContain("'OpenSearchEndpoint'");
    const row = guide.split('\n').find((line) => line.startsWith('| `OpenSearchEndpoint`'));
    expect(row).toContain('`collector.env.OPENSEARCH_URL`');
    expect(row).toContain('`https://<endpoint>`');
    // The old limitation, from when the collector's only search client refused OpenSearch, is gone.
    expect(flat(guide)).not.toContain('OpenSearch support is not built yet');
  });

  it('tells where the CDK role outputs go, under values the chart’s schema accepts', () => {
    const schema = JSON.parse(read('helm/sightline/values.schema.json')) as {
      properties: Record<string, { properties: Record<string, unknown> }>;
    };
    for (const service of ['collector', 'reports']) {
      expect(schema.properties[service]!.properties).toHaveProperty('serviceAccount');
      expect(guide).toContain(`\`${service}.serviceAccount.annotations\``);
    }
    expect(flat(guide)).toContain('`-c releaseNamespace=$NS -c releaseName=$RELEASE`');
  });
});
