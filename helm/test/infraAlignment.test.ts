import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environments } from '../../infra/src/config/environments';
import type { Environment } from './support/chart';
import { chart } from './support/chart';
import type { K8sObject } from './support/parseManifests';
import { parseManifests } from './support/parseManifests';
import { tryRender } from './support/renderChart';
import { renderObjects } from './support/renderObjects';
import { repoRoot } from './support/repoRoot';
import { runHelm } from './support/runHelm';

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered objects are read field by field; the models test types them. */
type Any = any;

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** Parses an IPv4 CIDR into its first address and prefix length. */
function cidr(text: string): { base: number; bits: number } {
  const [address, bits] = text.split('/');
  const base = address!.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  return { base, bits: Number(bits) };
}
const contains = (outer: string, inner: string): boolean => {
  const o = cidr(outer);
  const i = cidr(inner);
  const mask = o.bits === 0 ? 0 : 2 ** 32 - 2 ** (32 - o.bits);
  return i.bits >= o.bits && (i.base & mask) >>> 0 === (o.base & mask) >>> 0;
};
const isPrivate = (c: string) => PRIVATE_RANGES.some((range) => contains(range, c));

const workloads = (env: Environment) =>
  renderObjects(env).filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
const envOf = (w: K8sObject): Any[] =>
  (w.spec as Any).template.spec.containers.flatMap((c: Any) => c.env ?? []);
const gatewayOf = (objects: K8sObject[]) =>
  objects.find(
    (o) =>
      (o.kind === 'Deployment' || o.kind === 'StatefulSet') &&
      o.metadata.labels?.['app.kubernetes.io/component'] === 'gateway',
  )!;
const collectorOf = (objects: K8sObject[]) =>
  objects.find(
    (o) =>
      (o.kind === 'Deployment' || o.kind === 'StatefulSet') &&
      o.metadata.labels?.['app.kubernetes.io/component'] === 'collector',
  )!;
/** The egress rules of every NetworkPolicy that selects pods with these labels. */
const egressOf = (objects: K8sObject[], podLabels: Record<string, string>): Any[] =>
  objects
    .filter((o) => o.kind === 'NetworkPolicy')
    .filter((p) =>
      Object.entries(((p.spec as Any).podSelector?.matchLabels ?? {}) as Record<string, string>).every(
        ([k, v]) => podLabels[k] === v,
      ),
    )
    .flatMap((p) => ((p.spec as Any).egress ?? []) as Any[]);
/** The gateway's Redis variables, plain values as they are and secrets as `<NAME>_FILE → secret/key`. */
function gatewayRedis(objects: K8sObject[]): Record<string, string> {
  const gateway = gatewayOf(objects);
  const items = new Map<string, string>();
  for (const v of (gateway.spec as Any).template.spec.volumes as Any[])
    for (const source of v.projected?.sources ?? [])
      for (const item of source.secret.items) items.set(item.path, `${source.secret.name}/${item.key}`);
  return Object.fromEntries(
    envOf(gateway)
      .filter((e) => (e.name as string).startsWith('REDIS_'))
      .map((e) => {
        const name = e.name as string;
        return name.endsWith('_FILE')
          ? [name, items.get(name.slice(0, -'_FILE'.length)) ?? `unmounted ${e.value}`]
          : [name, e.value as string];
      }),
  );
}

/** The private CIDRs the render admits egress to, and the proxy CIDRs each service believes. */
function vpcCidrs(env: Environment): { egress: string[]; trustedProxies: string[] } {
  const egress = renderObjects(env)
    .filter((o) => o.kind === 'NetworkPolicy')
    .flatMap((p) => ((p.spec as Any).egress ?? []) as Any[])
    .flatMap((rule) => (rule.to ?? []) as Any[])
    .map((peer) => peer.ipBlock?.cidr as string | undefined)
    .filter((c): c is string => c !== undefined && isPrivate(c));
  const trustedProxies = workloads(env)
    .flatMap(envOf)
    .filter((e) => e.name === 'TRUSTED_PROXY_CIDRS')
    .flatMap((e) => (e.value as string).split(','));
  return { egress, trustedProxies };
}

describe('the chart agrees with the CDK app (infra/)', () => {
  it.each(['staging', 'prod'] as const)(
    'the %s values name the VPC the CDK app creates for that stage, for egress and trusted proxies',
    (env) => {
      const vpc = environments[env].network.cidr;
      const { egress, trustedProxies } = vpcCidrs(env);
      expect(egress.length).toBeGreaterThan(0);
      expect(trustedProxies.length).toBeGreaterThan(0);
      expect([...new Set([...egress, ...trustedProxies])]).toEqual([vpc]);
    },
  );

  it('the dev values reach their dependencies by namespace, and the default trusted proxies hold the dev VPC', () => {
    const vpc = environments.dev.network.cidr;
    expect(vpcCidrs('dev').egress).toEqual([]);
    const lists = workloads('dev')
      .flatMap(envOf)
      .filter((e) => e.name === 'TRUSTED_PROXY_CIDRS')
      .map((e) => (e.value as string).split(','));
    expect(lists.length).toBeGreaterThan(0);
    for (const list of lists) expect([list, list.some((c) => contains(c, vpc))]).toEqual([list, true]);
  });

  it('checks CIDR containment the way the rules above need', () => {
    expect(contains('10.0.0.0/8', '10.40.0.0/16')).toBe(true);
    expect(contains('10.40.0.0/16', '10.40.0.0/16')).toBe(true);
    expect(contains('10.40.0.0/16', '10.30.0.0/16')).toBe(false);
    expect(contains('10.40.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(isPrivate('0.0.0.0/0')).toBe(false);
    expect(isPrivate('172.31.0.0/16')).toBe(true);
  });

  it.each(['staging', 'prod'] as const)(
    'the %s values export to the CDK app’s OpenSearch, signed in the archive’s region, and to no Elasticsearch',
    (env) => {
      // The placeholder names the stack output, so it must be one the stack really emits.
      expect(read('infra/src/SightlineStack.ts')).toContain("'OpenSearchEndpoint'");
      const vars = Object.fromEntries(
        envOf(collectorOf(renderObjects(env))).map((e) => [e.name as string, e.value as string | undefined]),
      );
      const names = Object.keys(vars);
      expect(names).toContain('DATABASE_URL_FILE');
      expect(vars.ARCHIVE_S3_REGION).toBe(environments[env].region);
      // ISM keeps the exported copies as long as the collector keeps its partitions, where the file sets that.
      const retention = vars.RETENTION_DAYS;
      expect(Object.fromEntries(Object.entries(vars).filter(([n]) => n.startsWith('OPENSEARCH_')))).toEqual({
        OPENSEARCH_URL: `https://<OpenSearchEndpoint output of Sightline-${env}>`,
        OPENSEARCH_AWS_REGION: vars.ARCHIVE_S3_REGION,
        ...(retention === undefined ? {} : { OPENSEARCH_RETENTION_DAYS: retention }),
      });
      expect(names.filter((n) => n.startsWith('ELASTICSEARCH_'))).toEqual([]);
      const secrets = renderObjects(env)
        .filter((o) => o.kind === 'ExternalSecret')
        .map((o) => o.metadata.name);
      expect(secrets.filter((n) => /opensearch|elasticsearch/.test(n))).toEqual([]);
    },
  );

  it.each(['staging', 'prod'] as const)(
    'the %s values let the collector reach the OpenSearch domain on port 443 in the VPC the CDK app creates',
    (env) => {
      const vpc = environments[env].network.cidr;
      const objects = renderObjects(env);
      const podLabels = (collectorOf(objects).spec as Any).template.metadata.labels as Record<string, string>;
      const toDomain = egressOf(objects, podLabels).filter(
        (rule) =>
          ((rule.ports ?? []) as Any[]).some((p) => p.port === 443 && (p.protocol ?? 'TCP') === 'TCP') &&
          ((rule.to ?? []) as Any[]).some((peer) => peer.ipBlock?.cidr === vpc),
      );
      expect(toDomain.length).toBeGreaterThan(0);
    },
  );

  it.each(['staging', 'prod'] as const)(
    'the %s values let the collector, and no other workload, reach AWS’s public endpoints on 443 (STS for IRSA, S3)',
    (env) => {
      const objects = renderObjects(env);
      const toPublic443 = (labels: Record<string, string>) =>
        egressOf(objects, labels).filter(
          (rule) =>
            ((rule.ports ?? []) as Any[]).some((p) => p.port === 443) &&
            ((rule.to ?? []) as Any[]).some(
              (peer) =>
                peer.ipBlock?.cidr === '0.0.0.0/0' &&
                (peer.ipBlock.except as string[]).includes('169.254.0.0/16'),
            ),
        );
      const labelsOf = (w: K8sObject) => (w.spec as Any).template.metadata.labels as Record<string, string>;
      expect(toPublic443(labelsOf(collectorOf(objects))).length).toBeGreaterThan(0);
      // Only alerting (PagerDuty, Slack) and the collector (AWS) talk to the internet over HTTPS.
      const others = workloads(env)
        .filter(
          (w) =>
            !['collector', 'alerting'].includes(w.metadata.labels?.['app.kubernetes.io/component'] ?? ''),
        )
        .filter((w) => toPublic443(labelsOf(w)).length > 0)
        .map((w) => w.metadata.name);
      expect(others).toEqual([]);
    },
  );

  it('the dev values give no workload a way to AWS’s endpoints', () => {
    const objects = renderObjects('dev');
    const collector = (collectorOf(objects).spec as Any).template.metadata.labels as Record<string, string>;
    const rules = egressOf(objects, collector);
    expect(
      rules.some((r) => ((r.to ?? []) as Any[]).some((peer) => peer.ipBlock?.cidr === '0.0.0.0/0')),
    ).toBe(false);
  });

  it('the dev values export nothing to OpenSearch or Elasticsearch', () => {
    const names = envOf(collectorOf(renderObjects('dev'))).map((e) => e.name as string);
    expect(names).toContain('DATABASE_URL_FILE');
    expect(names.filter((n) => /^(OPENSEARCH|ELASTICSEARCH)_/.test(n))).toEqual([]);
  });

  it.each(['staging', 'prod'] as const)(
    'the %s values archive the collector’s retired partitions to the CDK app’s bucket, with its KMS key and region',
    (env) => {
      const stack = read('infra/src/SightlineStack.ts');
      expect(stack).toContain("'ArchiveBucketName'");
      expect(stack).toContain("'ArchiveKeyArn'");
      const archive = Object.fromEntries(
        envOf(collectorOf(renderObjects(env)))
          .filter((e) => (e.name as string).startsWith('ARCHIVE_S3_'))
          .map((e) => [e.name as string, e.value as string]),
      );
      expect(archive).toEqual({
        ARCHIVE_S3_BUCKET: `<ArchiveBucketName output of Sightline-${env}>`,
        ARCHIVE_S3_REGION: environments[env].region,
        ARCHIVE_S3_KMS_KEY_ID: `<ArchiveKeyArn output of Sightline-${env}>`,
      });
      const installed = runHelm([
        'install',
        chart.release,
        chart.dir,
        '-n',
        chart.namespace,
        '--dry-run=client',
        '-f',
        chart.valuesFile(env),
      ]);
      expect(installed.status).toBe(0);
      expect(installed.stdout).toContain(
        `WARNING: collector.env.ARCHIVE_S3_BUCKET is still the placeholder\n  <ArchiveBucketName output of Sightline-${env}>`,
      );
      expect(installed.stdout).toContain(
        `WARNING: collector.env.ARCHIVE_S3_KMS_KEY_ID is still the placeholder\n  <ArchiveKeyArn output of Sightline-${env}>`,
      );
    },
  );

  it.each(['staging', 'prod'] as const)(
    'the %s values point the gateway at the CDK app’s ElastiCache: configuration endpoint seeds, TLS and the AUTH token as a file',
    (env) => {
      // The placeholder names the stack output, so it must be one the stack really emits.
      expect(read('infra/src/SightlineStack.ts')).toContain("'RedisConfigurationEndpoint'");
      expect(gatewayRedis(renderObjects(env))).toEqual({
        REDIS_CLUSTER_NODES: `<RedisConfigurationEndpoint output of Sightline-${env}>:6379`,
        REDIS_CLUSTER_TLS: 'true',
        REDIS_CLUSTER_PASSWORD_FILE: 'sightline-redis/auth-token',
      });
      const installed = runHelm([
        'install',
        chart.release,
        chart.dir,
        '-n',
        chart.namespace,
        '--dry-run=client',
        '-f',
        chart.valuesFile(env),
      ]);
      expect(installed.status).toBe(0);
      expect(installed.stdout).toContain(
        `WARNING: gateway.env.REDIS_CLUSTER_NODES is still the placeholder\n  <RedisConfigurationEndpoint output of Sightline-${env}>:6379`,
      );
    },
  );

  it.each(['staging', 'prod'] as const)(
    'the %s values still let the gateway reach Redis on port 6379 in the VPC the CDK app creates',
    (env) => {
      const vpc = environments[env].network.cidr;
      const objects = renderObjects(env);
      const podLabels = (gatewayOf(objects).spec as Any).template.metadata.labels as Record<string, string>;
      const toRedis = egressOf(objects, podLabels).filter(
        (rule) =>
          ((rule.ports ?? []) as Any[]).some((p) => p.port === 6379 && (p.protocol ?? 'TCP') === 'TCP') &&
          ((rule.to ?? []) as Any[]).some((peer) => peer.ipBlock?.cidr === vpc),
      );
      expect(toRedis.length).toBeGreaterThan(0);
    },
  );

  it('the default values keep the gateway on one Redis server (REDIS_URL), with cluster mode off', () => {
    const r = tryRender([]);
    expect(r.status).toBe(0);
    expect(gatewayRedis(parseManifests(r.stdout))).toEqual({ REDIS_URL_FILE: 'sightline-redis/url' });
  });
});
