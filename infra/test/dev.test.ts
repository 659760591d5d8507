import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { environments } from '../src/config/environments';
import { instanceSizeRank } from './support/instanceSizeRank';
import { irsaTrust } from './support/irsaTrust';
import { resourcesOfType } from './support/resourcesOfType';
import type { TemplateResource } from './support/resourcesOfType';
import { synthStage, TEST_ACCOUNT } from './support/synthStage';
import type { CdkTemplate, SynthesizedStage } from './support/synthStage';
import { tagsOf } from './support/tagsOf';

const ADMIN_CIDR = '203.0.113.0/24';
const ADMIN_ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/sightline-admins`;
const dev = environments.dev;

let stage: SynthesizedStage;
// The prod side of each comparison is the checked-in golden template, so prod is not synthesized twice.
let prodTemplate: CdkTemplate;
beforeAll(() => {
  stage = synthStage('dev', {
    apiAllowedCidrs: ADMIN_CIDR,
    adminRoleArn: ADMIN_ROLE,
    activateCostAllocationTags: 'false',
    releaseName: 'obs',
    releaseNamespace: 'observability',
  });
  prodTemplate = JSON.parse(
    readFileSync(join(__dirname, 'golden', 'prod.template.json'), 'utf8'),
  ) as CdkTemplate;
});
afterAll(() => stage?.cleanup());

const one = (json: CdkTemplate, type: string): TemplateResource => {
  const found = resourcesOfType(json, type);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const prop = (json: CdkTemplate, type: string, path: string[]): unknown =>
  path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], one(json, type).properties);

describe('dev is smaller than prod', () => {
  test.each([
    ['AWS::RDS::DBInstance', ['DBInstanceClass']],
    ['AWS::ElastiCache::ReplicationGroup', ['CacheNodeType']],
    ['AWS::OpenSearchService::Domain', ['ClusterConfig', 'InstanceType']],
  ])('%s runs a smaller instance size than in prod', (type, path) => {
    const devType = prop(stage.json, type, path) as string;
    const prodType = prop(prodTemplate, type, path) as string;
    expect(instanceSizeRank(devType)).toBeLessThan(instanceSizeRank(prodType));
  });

  test('the database starts with less storage and a shorter backup window, still at least seven days', () => {
    const devDb = one(stage.json, 'AWS::RDS::DBInstance').properties;
    const prodDb = one(prodTemplate, 'AWS::RDS::DBInstance').properties;
    expect(Number(devDb.AllocatedStorage)).toBeLessThan(Number(prodDb.AllocatedStorage));
    expect(devDb.BackupRetentionPeriod).toBeLessThanOrEqual(prodDb.BackupRetentionPeriod as number);
    expect(devDb.BackupRetentionPeriod).toBeGreaterThanOrEqual(7);
  });

  test('dev has one NAT gateway, fewer nodes, Spot workers and no dedicated OpenSearch masters', () => {
    stage.template.resourceCountIs('AWS::EC2::NatGateway', dev.network.natGateways);
    expect(resourcesOfType(prodTemplate, 'AWS::EC2::NatGateway').length).toBeGreaterThan(
      dev.network.natGateways,
    );
    const maxNodes = (json: CdkTemplate): number =>
      resourcesOfType(json, 'AWS::EKS::Nodegroup').reduce(
        (sum, g) => sum + (g.properties.ScalingConfig as { MaxSize: number }).MaxSize,
        0,
      );
    expect(maxNodes(stage.json)).toBeLessThan(maxNodes(prodTemplate));
    stage.template.hasResourceProperties('AWS::EKS::Nodegroup', {
      CapacityType: 'SPOT',
      InstanceTypes: [...dev.cluster.workloadNodes.instanceTypes],
    });
    expect(
      prop(stage.json, 'AWS::OpenSearchService::Domain', ['ClusterConfig', 'DedicatedMasterEnabled']),
    ).toBe(false);
  });

  test('archives expire sooner in dev', () => {
    const expiry = (json: CdkTemplate): number =>
      (
        prop(json, 'AWS::S3::Bucket', ['LifecycleConfiguration', 'Rules']) as { ExpirationInDays: number }[]
      )[0]!.ExpirationInDays;
    expect(expiry(stage.json)).toBe(dev.archive.expireAfterDays);
    expect(expiry(stage.json)).toBeLessThan(expiry(prodTemplate));
  });
});

describe('dev keeps the same protections', () => {
  test('the database is still Multi-AZ, private, encrypted with its key and TLS-only', () => {
    stage.template.hasResourceProperties('AWS::RDS::DBInstance', {
      MultiAZ: true,
      PubliclyAccessible: false,
      StorageEncrypted: true,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysDatabase'), 'Arn'] },
    });
    stage.template.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Parameters: Match.objectLike({ 'rds.force_ssl': '1' }),
    });
  });

  test('Redis still runs cluster mode with failover and encryption at rest and in transit', () => {
    expect(one(stage.json, 'AWS::ElastiCache::ReplicationGroup').properties).toMatchObject({
      ClusterMode: 'enabled',
      NumNodeGroups: dev.cache.shards,
      ReplicasPerNodeGroup: dev.cache.replicasPerShard,
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
      AtRestEncryptionEnabled: true,
      TransitEncryptionEnabled: true,
    });
  });

  test('OpenSearch, the bucket and every KMS key keep their encryption settings', () => {
    stage.template.hasResourceProperties('AWS::OpenSearchService::Domain', {
      ClusterConfig: Match.objectLike({
        ZoneAwarenessEnabled: true,
        ZoneAwarenessConfig: { AvailabilityZoneCount: 3 },
      }),
      EncryptionAtRestOptions: Match.objectLike({ Enabled: true }),
      NodeToNodeEncryptionOptions: { Enabled: true },
      DomainEndpointOptions: Match.objectLike({ EnforceHTTPS: true }),
    });
    stage.template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
        ],
      },
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
    });
    const keys = resourcesOfType(stage.json, 'AWS::KMS::Key');
    expect(keys).toHaveLength(resourcesOfType(prodTemplate, 'AWS::KMS::Key').length);
    for (const key of keys) expect(key.properties.EnableKeyRotation).toBe(true);
  });

  test('no security group is open to the internet or on port 22', () => {
    const rules = [
      ...resourcesOfType(stage.json, 'AWS::EC2::SecurityGroupIngress').map((r) => r.properties),
      ...resourcesOfType(stage.json, 'AWS::EC2::SecurityGroup').flatMap(
        (g) => (g.properties.SecurityGroupIngress as Record<string, unknown>[] | undefined) ?? [],
      ),
    ];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.CidrIp).not.toBe('0.0.0.0/0');
      expect(Number(rule.FromPort) > 22 || Number(rule.ToPort) < 22).toBe(true);
    }
  });

  test('dev resources carry Environment=dev', () => {
    const tags = tagsOf(one(stage.json, 'AWS::RDS::DBInstance'));
    expect(tags).toMatchObject({ Project: 'sightline', Environment: 'dev', CostCenter: dev.costCenter });
  });
});

describe('dev is disposable', () => {
  test('the database may be deleted without a final snapshot and keys and bucket go with the stack', () => {
    const db = one(stage.json, 'AWS::RDS::DBInstance');
    expect(db.properties.DeletionProtection).toBe(false);
    expect(db.raw.DeletionPolicy).toBe('Delete');
    for (const key of resourcesOfType(stage.json, 'AWS::KMS::Key'))
      expect(key.raw.DeletionPolicy).toBe('Delete');
    expect(resourcesOfType(stage.json, 'Custom::S3AutoDeleteObjects')).toHaveLength(1);
    expect(stage.stack.terminationProtection).toBe(false);
  });
});

describe('context overrides', () => {
  test('apiAllowedCidrs opens the public API endpoint to those CIDRs only, keeping private access', () => {
    stage.template.hasResourceProperties('Custom::AWSCDK-EKS-Cluster', {
      Config: Match.objectLike({
        resourcesVpcConfig: Match.objectLike({
          endpointPublicAccess: true,
          endpointPrivateAccess: true,
          publicAccessCidrs: [ADMIN_CIDR],
        }),
      }),
    });
  });

  test('adminRoleArn gets cluster-admin through an EKS access entry', () => {
    const entry = one(stage.json, 'AWS::EKS::AccessEntry');
    expect(entry.properties.PrincipalArn).toBe(ADMIN_ROLE);
    const policies = entry.properties.AccessPolicies as { PolicyArn: unknown; AccessScope: unknown }[];
    expect(policies).toHaveLength(1);
    expect(policies[0]!.AccessScope).toEqual({ Type: 'cluster' });
    expect(JSON.stringify(policies[0]!.PolicyArn)).toMatch(
      /:eks::aws:cluster-access-policy\/AmazonEKSClusterAdminPolicy"/,
    );
  });

  test('releaseName and releaseNamespace move the IRSA trust to the ServiceAccounts the chart names for that release', () => {
    expect(irsaTrust(stage.json, 'WorkloadRolesCollector').conditions['<issuer>:sub']).toBe(
      'system:serviceaccount:observability:obs-sightline-collector',
    );
    expect(irsaTrust(stage.json, 'WorkloadRolesReports').conditions['<issuer>:sub']).toBe(
      'system:serviceaccount:observability:obs-sightline-reports',
    );
  });

  test('activateCostAllocationTags=false leaves the Cost Explorer call out, for member accounts', () => {
    expect(resourcesOfType(stage.json, 'Custom::AWS')).toHaveLength(0);
    expect(resourcesOfType(prodTemplate, 'Custom::AWS')).toHaveLength(1);
  });
});
