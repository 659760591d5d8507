import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CfnResource, TagManager } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { environments } from '../src/config/environments';
import { irsaTrust } from './support/irsaTrust';
import { normaliseTemplate } from './support/normaliseTemplate';
import { resourcesOfType } from './support/resourcesOfType';
import type { TemplateResource } from './support/resourcesOfType';
import { synthStage } from './support/synthStage';
import type { SynthesizedStage } from './support/synthStage';
import { tagsOf } from './support/tagsOf';

const GOLDEN = join(__dirname, 'golden', 'prod.template.json');
const BUDGET_EMAIL = 'finops@sightline.example';
const prod = environments.prod;
const COST_TAGS = { Project: 'sightline', Environment: 'prod', CostCenter: prod.costCenter };

let stage: SynthesizedStage;
beforeAll(() => {
  stage = synthStage('prod', { budgetEmails: BUDGET_EMAIL });
});
afterAll(() => stage?.cleanup());

const only = (type: string): TemplateResource => {
  const found = resourcesOfType(stage.json, type);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('the prod template', () => {
  test('matches the golden file, apart from asset hashes (UPDATE_GOLDEN=1 rewrites it)', () => {
    const actual = `${JSON.stringify(normaliseTemplate(stage.json), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      // Written aside and renamed, so the dev test never reads a half-written golden.
      writeFileSync(`${GOLDEN}.tmp`, actual);
      renameSync(`${GOLDEN}.tmp`, GOLDEN);
    }
    expect(actual).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  test('normalising replaces every 64-hex asset hash and leaves the rest of the template intact', () => {
    const text = JSON.stringify(normaliseTemplate(stage.json));
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    expect(text).toContain('<asset-hash>');
    expect(Object.keys((normaliseTemplate(stage.json) as typeof stage.json).Resources)).toEqual(
      Object.keys(stage.json.Resources),
    );
  });
});

describe('network', () => {
  test('the VPC has public, private-with-egress and isolated subnets in each of three AZs', () => {
    const subnets = resourcesOfType(stage.json, 'AWS::EC2::Subnet');
    const azs = new Set(subnets.map((s) => JSON.stringify(s.properties.AvailabilityZone)));
    expect(azs.size).toBe(3);
    for (const group of ['public', 'private', 'isolated']) {
      const inGroup = subnets.filter((s) => s.id.startsWith(`NetworkVpc${group}Subnet`));
      expect(new Set(inGroup.map((s) => JSON.stringify(s.properties.AvailabilityZone))).size).toBe(3);
    }
    stage.template.resourceCountIs('AWS::EC2::NatGateway', prod.network.natGateways);
  });

  test('isolated subnets have no route to the internet', () => {
    const routes = resourcesOfType(stage.json, 'AWS::EC2::Route');
    const isolatedTables = resourcesOfType(stage.json, 'AWS::EC2::RouteTable')
      .filter((t) => t.id.startsWith('NetworkVpcisolated'))
      .map((t) => t.id);
    expect(isolatedTables).toHaveLength(3);
    for (const route of routes) {
      expect(isolatedTables).not.toContain((route.properties.RouteTableId as { Ref: string }).Ref);
    }
  });

  test('VPC flow logs capture all traffic into a KMS-encrypted log group with a retention', () => {
    stage.template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
    });
    const flowLog = only('AWS::EC2::FlowLog');
    const groupId = (flowLog.properties.LogGroupName as { Ref: string }).Ref;
    expect(stage.json.Resources[groupId]!.Properties).toMatchObject({
      RetentionInDays: prod.network.flowLogRetentionDays,
      KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^KeysOperations/), 'Arn'] },
    });
  });
});

describe('EKS', () => {
  test('the cluster runs Kubernetes 1.35 with a private-only API endpoint, KMS-encrypted secrets and audit logs', () => {
    stage.template.hasResourceProperties('Custom::AWSCDK-EKS-Cluster', {
      Config: Match.objectLike({
        name: 'sightline-prod',
        version: '1.35',
        resourcesVpcConfig: Match.objectLike({ endpointPublicAccess: false, endpointPrivateAccess: true }),
        encryptionConfig: [
          {
            provider: { keyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysCluster'), 'Arn'] } },
            resources: ['secrets'],
          },
        ],
        logging: {
          clusterLogging: [{ enabled: true, types: Match.arrayWith(['api', 'audit', 'authenticator']) }],
        },
      }),
    });
    stage.template.resourceCountIs('AWS::Lambda::LayerVersion', 1);
  });

  test('managed node groups run in the private subnets with the sizes configured for prod and no SSH access', () => {
    const groups = resourcesOfType(stage.json, 'AWS::EKS::Nodegroup');
    expect(groups).toHaveLength(2);
    const sizes = groups.map((g) => g.properties.ScalingConfig);
    expect(sizes).toEqual(
      expect.arrayContaining(
        [prod.cluster.systemNodes, prod.cluster.workloadNodes].map((n) => ({
          MinSize: n.minSize,
          DesiredSize: n.desiredSize,
          MaxSize: n.maxSize,
        })),
      ),
    );
    for (const group of groups) {
      expect(group.properties.RemoteAccess).toBeUndefined();
      expect(group.properties.CapacityType).toBe('ON_DEMAND');
      const subnets = (group.properties.Subnets as { Ref: string }[]).map((s) => s.Ref);
      expect(subnets).toHaveLength(3);
      for (const subnet of subnets) expect(subnet).toMatch(/^NetworkVpcprivateSubnet/);
    }
  });

  test('nodes launch with IMDSv2 required, encrypted root volumes and no key pair', () => {
    const template = only('AWS::EC2::LaunchTemplate');
    const data = template.properties.LaunchTemplateData as Record<string, unknown>;
    expect(data.MetadataOptions).toEqual({ HttpTokens: 'required', HttpPutResponseHopLimit: 1 });
    expect(data.KeyName).toBeUndefined();
    expect(data.BlockDeviceMappings).toEqual([
      { DeviceName: '/dev/xvda', Ebs: expect.objectContaining({ Encrypted: true, VolumeType: 'gp3' }) },
    ]);
  });

  test('the node role allows SSM Session Manager and there is no bastion host or SSH key pair', () => {
    const nodeRole = resourcesOfType(stage.json, 'AWS::IAM::Role').find((r) =>
      r.id.startsWith('KubernetesNodeRole'),
    );
    expect(JSON.stringify(nodeRole?.properties.ManagedPolicyArns)).toContain(
      ':iam::aws:policy/AmazonSSMManagedInstanceCore',
    );
    stage.template.resourceCountIs('AWS::EC2::Instance', 0);
    stage.template.resourceCountIs('AWS::EC2::KeyPair', 0);
    stage.template.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 0);
  });

  test('the cluster autoscaler is a Helm release whose IRSA role may only resize this cluster’s node groups', () => {
    stage.template.hasResourceProperties('Custom::AWSCDK-EKS-HelmChart', {
      Chart: 'cluster-autoscaler',
      Repository: 'https://kubernetes.github.io/autoscaler',
      Namespace: 'kube-system',
      Values: Match.serializedJson(
        Match.objectLike({
          autoDiscovery: { clusterName: 'sightline-prod' },
          rbac: { serviceAccount: { create: false, name: 'cluster-autoscaler' } },
        }),
      ),
    });
    stage.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
            Condition: {
              StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/sightline-prod': 'owned' },
            },
            Effect: 'Allow',
            Resource: '*',
          },
        ]),
      },
    });
    const manifests = resourcesOfType(stage.json, 'Custom::AWSCDK-EKS-KubernetesResource').map((m) =>
      JSON.stringify(m.properties.Manifest),
    );
    expect(
      manifests.some((m) => m.includes('ServiceAccount') && m.includes('eks.amazonaws.com/role-arn')),
    ).toBe(true);
  });
});

describe('workload roles (IRSA)', () => {
  test.each([
    ['WorkloadRolesCollector', 'collector'],
    ['WorkloadRolesReports', 'reports'],
  ])(
    'the %s role trusts only the ServiceAccount the Helm chart names sightline-%s for release sightline',
    (rolePrefix, service) => {
      const trust = irsaTrust(stage.json, rolePrefix);
      expect(trust.federated).toEqual({ Ref: expect.stringMatching(/^KubernetesClusterOidcProvider/) });
      expect(trust.conditions).toEqual({
        '<issuer>:aud': 'sts.amazonaws.com',
        '<issuer>:sub': `system:serviceaccount:sightline:sightline-${service}`,
      });
    },
  );

  test('the role outputs name the ServiceAccount and the Helm value their ARN goes into', () => {
    expect(stage.json.Outputs!.CollectorRoleArn!.Description).toBe(
      'IRSA role of ServiceAccount sightline/sightline-collector: ' +
        'Helm value collector.serviceAccount.annotations."eks.amazonaws.com/role-arn"',
    );
    expect(stage.json.Outputs!.ReportsRoleArn!.Description).toContain('sightline/sightline-reports');
  });
});

describe('RDS PostgreSQL', () => {
  test('is PostgreSQL 15, Multi-AZ, encrypted with the database key, private and deletion-protected', () => {
    stage.template.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      EngineVersion: Match.stringLikeRegexp('^15'),
      DBInstanceClass: prod.database.instanceType,
      MultiAZ: true,
      StorageEncrypted: true,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysDatabase'), 'Arn'] },
      PubliclyAccessible: false,
      DeletionProtection: true,
      EnablePerformanceInsights: true,
      PerformanceInsightsKMSKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysDatabase'), 'Arn'] },
    });
    const db = only('AWS::RDS::DBInstance');
    expect(db.properties.BackupRetentionPeriod).toBeGreaterThanOrEqual(7);
    expect(db.raw.DeletionPolicy).toBe('Snapshot');
  });

  test('lives in the isolated subnets and takes its master password from a KMS-encrypted Secrets Manager secret', () => {
    const subnetGroup = only('AWS::RDS::DBSubnetGroup');
    const ids = (subnetGroup.properties.SubnetIds as { Ref: string }[]).map((s) => s.Ref);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^NetworkVpcisolatedSubnet/);
    const db = only('AWS::RDS::DBInstance');
    expect(JSON.stringify(db.properties.MasterUserPassword)).toContain('{{resolve:secretsmanager:');
    stage.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysDatabase'), 'Arn'] },
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'password' }),
    });
  });

  test('requires TLS from clients', () => {
    stage.template.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Family: 'postgres15',
      Parameters: Match.objectLike({ 'rds.force_ssl': '1' }),
    });
  });
});

describe('ElastiCache Redis', () => {
  test('runs in cluster mode with at least three shards, replicas, automatic failover and Multi-AZ', () => {
    const group = only('AWS::ElastiCache::ReplicationGroup');
    expect(group.properties).toMatchObject({
      ClusterMode: 'enabled',
      CacheParameterGroupName: 'default.redis7.cluster.on',
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
      CacheNodeType: prod.cache.nodeType,
    });
    expect(group.properties.NumNodeGroups).toBeGreaterThanOrEqual(3);
    expect(group.properties.ReplicasPerNodeGroup).toBeGreaterThanOrEqual(1);
  });

  test('encrypts at rest with the cache key and in transit, and takes its AUTH token from Secrets Manager', () => {
    const group = only('AWS::ElastiCache::ReplicationGroup');
    expect(group.properties).toMatchObject({
      AtRestEncryptionEnabled: true,
      KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^KeysCache/), 'Arn'] },
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
    });
    const token = JSON.stringify(group.properties.AuthToken);
    expect(token).toContain('{{resolve:secretsmanager:');
    expect(token).toContain('CacheAuthToken');
    const subnets = only('AWS::ElastiCache::SubnetGroup').properties.SubnetIds as { Ref: string }[];
    for (const s of subnets) expect(s.Ref).toMatch(/^NetworkVpcisolatedSubnet/);
  });
});

describe('OpenSearch', () => {
  test('spreads over three AZs in the VPC with dedicated masters, encrypted at rest and node to node, HTTPS only', () => {
    stage.template.hasResourceProperties('AWS::OpenSearchService::Domain', {
      ClusterConfig: Match.objectLike({
        ZoneAwarenessEnabled: true,
        ZoneAwarenessConfig: { AvailabilityZoneCount: 3 },
        InstanceCount: prod.search.dataNodes,
        InstanceType: prod.search.dataNodeInstanceType,
        DedicatedMasterEnabled: true,
        DedicatedMasterCount: 3,
      }),
      EncryptionAtRestOptions: { Enabled: true, KmsKeyId: { Ref: Match.stringLikeRegexp('^KeysSearch') } },
      NodeToNodeEncryptionOptions: { Enabled: true },
      DomainEndpointOptions: Match.objectLike({
        EnforceHTTPS: true,
        TLSSecurityPolicy: Match.stringLikeRegexp('TLS-1-2'),
      }),
      VPCOptions: Match.objectLike({
        SubnetIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('^NetworkVpcprivateSubnet') }]),
      }),
    });
    const domain = only('AWS::OpenSearchService::Domain');
    expect((domain.properties.VPCOptions as { SubnetIds: unknown[] }).SubnetIds).toHaveLength(3);
  });
});

describe('S3 archive bucket', () => {
  test('is KMS-encrypted, versioned and blocks all public access', () => {
    stage.template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysArchive'), 'Arn'] },
            },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  test('moves objects to Glacier and expires them after the configured number of days', () => {
    stage.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            Status: 'Enabled',
            Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: prod.archive.glacierAfterDays }],
            ExpirationInDays: prod.archive.expireAfterDays,
          }),
        ],
      },
    });
  });

  test('denies requests that are not TLS 1.2 or newer', () => {
    const policy = only('AWS::S3::BucketPolicy');
    const statements = (policy.properties.PolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      ]),
    );
  });
});

describe('KMS', () => {
  test('every customer key rotates yearly and prod keys are retained on stack deletion', () => {
    const keys = resourcesOfType(stage.json, 'AWS::KMS::Key');
    expect(keys.length).toBeGreaterThanOrEqual(6);
    for (const key of keys) {
      expect(key.properties.EnableKeyRotation).toBe(true);
      expect(key.raw.DeletionPolicy).toBe('Retain');
    }
  });
});

describe('security groups', () => {
  const ingressRules = (): Record<string, unknown>[] => [
    ...resourcesOfType(stage.json, 'AWS::EC2::SecurityGroupIngress').map((r) => r.properties),
    ...resourcesOfType(stage.json, 'AWS::EC2::SecurityGroup').flatMap(
      (g) => (g.properties.SecurityGroupIngress as Record<string, unknown>[] | undefined) ?? [],
    ),
  ];

  test('no ingress rule opens port 22', () => {
    const rules = ingressRules();
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      const from = Number(rule.FromPort ?? 0);
      const to = Number(rule.ToPort ?? 65535);
      const allTraffic = rule.IpProtocol === '-1';
      expect(allTraffic || from > 22 || to < 22).toBe(true);
    }
  });

  test('nothing is open to 0.0.0.0/0 or ::/0', () => {
    for (const rule of ingressRules()) {
      expect(rule.CidrIp).not.toBe('0.0.0.0/0');
      expect(rule.CidrIpv6).not.toBe('::/0');
    }
  });

  test('the database, cache and search domain accept their one port from the EKS cluster security group only', () => {
    const expected: Record<string, number> = { Database: 5432, Cache: 6379, Search: 443 };
    for (const [component, port] of Object.entries(expected)) {
      const sgId = resourcesOfType(stage.json, 'AWS::EC2::SecurityGroup').find((g) =>
        g.id.startsWith(`${component}SecurityGroup`),
      )!.id;
      const rules = resourcesOfType(stage.json, 'AWS::EC2::SecurityGroupIngress').filter(
        (r) => JSON.stringify(r.properties.GroupId) === JSON.stringify({ 'Fn::GetAtt': [sgId, 'GroupId'] }),
      );
      expect(rules).toHaveLength(1);
      expect(rules[0]!.properties).toMatchObject({
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
        SourceSecurityGroupId: {
          'Fn::GetAtt': [expect.stringMatching(/^KubernetesCluster/), 'ClusterSecurityGroupId'],
        },
      });
      expect(stage.json.Resources[sgId]!.Properties!.SecurityGroupIngress).toBeUndefined();
    }
  });
});

describe('cost controls', () => {
  test('a monthly cost budget warns at 80 % actual and 100 % forecast through SNS and e-mail', () => {
    const budget = only('AWS::Budgets::Budget');
    expect(budget.properties.Budget).toMatchObject({
      BudgetType: 'COST',
      TimeUnit: 'MONTHLY',
      BudgetLimit: { Amount: prod.budget.monthlyLimitUsd, Unit: 'USD' },
    });
    const notifications = budget.properties.NotificationsWithSubscribers as {
      Notification: Record<string, unknown>;
      Subscribers: { SubscriptionType: string; Address: unknown }[];
    }[];
    expect(notifications.map((n) => n.Notification)).toEqual([
      {
        NotificationType: 'ACTUAL',
        ComparisonOperator: 'GREATER_THAN',
        Threshold: 80,
        ThresholdType: 'PERCENTAGE',
      },
      {
        NotificationType: 'FORECASTED',
        ComparisonOperator: 'GREATER_THAN',
        Threshold: 100,
        ThresholdType: 'PERCENTAGE',
      },
    ]);
    for (const n of notifications) {
      expect(n.Subscribers).toEqual([
        { SubscriptionType: 'SNS', Address: { Ref: expect.stringMatching(/^CostControlsAlertTopic/) } },
        { SubscriptionType: 'EMAIL', Address: BUDGET_EMAIL },
      ]);
    }
  });

  test('the budget counts only resources tagged Project=sightline and Environment=prod', () => {
    const budget = only('AWS::Budgets::Budget');
    expect((budget.properties.Budget as Record<string, unknown>).FilterExpression).toEqual({
      And: [
        { Tags: { Key: 'Project', Values: ['sightline'], MatchOptions: ['EQUALS'] } },
        { Tags: { Key: 'Environment', Values: ['prod'], MatchOptions: ['EQUALS'] } },
      ],
    });
  });

  test('the budget topic is KMS-encrypted and lets AWS Budgets publish', () => {
    stage.template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^KeysOperations'), 'Arn'] },
    });
    stage.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'sns:Publish', Principal: { Service: 'budgets.amazonaws.com' } }),
        ]),
      },
    });
  });

  test('the cost-allocation tag keys are activated through Cost Explorer in us-east-1', () => {
    const activation = only('Custom::AWS');
    const call = JSON.parse(activation.properties.Create as string) as Record<string, unknown>;
    expect(call).toMatchObject({
      service: 'CostExplorer',
      action: 'UpdateCostAllocationTagsStatus',
      region: 'us-east-1',
    });
    expect(call.parameters).toEqual({
      CostAllocationTagsStatus: ['Project', 'Environment', 'CostCenter', 'Component'].map((TagKey) => ({
        TagKey,
        Status: 'Active',
      })),
    });
  });
});

describe('cost-allocation tags', () => {
  // The taggable types are whatever this very stack builds with a tag manager (L1s, or L2s around one).
  const taggableTypes = (): Set<string> => {
    const types = new Set([
      'Custom::AWSCDK-EKS-Cluster',
      'AWS::Lambda::Function',
      'AWS::IAM::Role',
      'AWS::SSM::Parameter',
    ]);
    for (const c of stage.stack.node.findAll()) {
      if (!TagManager.isTaggable(c) && !TagManager.isTaggableV2(c)) continue;
      const resource: IConstruct | undefined = CfnResource.isCfnResource(c)
        ? c
        : c.node.tryFindChild('Resource');
      if (resource !== undefined && CfnResource.isCfnResource(resource)) types.add(resource.cfnResourceType);
    }
    return types;
  };

  test('every resource of a taggable type carries Project, Environment and CostCenter', () => {
    const types = taggableTypes();
    const checked = resourcesOfType(stage.json).filter((r) => types.has(r.type));
    expect(checked.length).toBeGreaterThan(50);
    for (const resource of checked) {
      expect({ id: resource.id, tags: tagsOf(resource) }).toEqual({
        id: resource.id,
        tags: expect.objectContaining(COST_TAGS),
      });
    }
  });

  test('resources in the nested provider stacks carry the cost tags too', () => {
    const nested = stage.stack.node
      .findAll()
      .filter((c) => CfnResource.isCfnResource(c) && c.stack !== stage.stack && TagManager.isTaggable(c));
    expect(nested.length).toBeGreaterThan(0);
    for (const c of nested) {
      expect(TagManager.of(c)!.tagValues()).toEqual(expect.objectContaining(COST_TAGS));
    }
  });

  test('each component is tagged so the bill splits by database, cache, search and cluster', () => {
    const component = (type: string): unknown => tagsOf(only(type))?.Component;
    expect(component('AWS::RDS::DBInstance')).toBe('database');
    expect(component('AWS::ElastiCache::ReplicationGroup')).toBe('cache');
    expect(component('AWS::OpenSearchService::Domain')).toBe('search');
    expect(component('AWS::S3::Bucket')).toBe('archive');
    expect(component('Custom::AWSCDK-EKS-Cluster')).toBe('kubernetes');
  });
});

describe('stack', () => {
  test('prod is termination-protected and targets the configured region with three pinned-or-discovered AZs', () => {
    expect(stage.stack.terminationProtection).toBe(true);
    expect(stage.stack.region).toBe(prod.region);
    expect(stage.stack.availabilityZones).toHaveLength(3);
  });

  test('outputs tell operators where the cluster, database, cache, search domain, bucket and roles are', () => {
    expect(Object.keys(stage.json.Outputs ?? {})).toEqual(
      expect.arrayContaining([
        'ClusterName',
        'KubeconfigCommand',
        'DatabaseEndpoint',
        'DatabaseSecretArn',
        'RedisConfigurationEndpoint',
        'RedisAuthTokenSecretArn',
        'OpenSearchEndpoint',
        'ArchiveBucketName',
        'ArchiveKeyArn',
        'CollectorRoleArn',
        'ReportsRoleArn',
        'BudgetAlertTopicArn',
      ]),
    );
  });
});
