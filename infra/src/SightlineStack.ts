import { AspectPriority, Aspects, CfnOutput, Fn, Stack, Tags } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { SightlineConfig } from './config/SightlineConfig';
import { ArchiveBucket } from './constructs/ArchiveBucket';
import { ClusterAutoscaler } from './constructs/ClusterAutoscaler';
import { CostAllocationTagActivation } from './constructs/CostAllocationTagActivation';
import { CostControls } from './constructs/CostControls';
import { Database } from './constructs/Database';
import { EncryptionKeys } from './constructs/EncryptionKeys';
import { KubernetesCluster } from './constructs/KubernetesCluster';
import { Network } from './constructs/Network';
import { RedisCache } from './constructs/RedisCache';
import { SearchDomain } from './constructs/SearchDomain';
import { WorkloadRoles } from './constructs/WorkloadRoles';
import { TagRawResources } from './TagRawResources';
import { chartServiceAccountName } from './chartServiceAccountName';
import { costTags } from './costTags';

/** SightlineStackProps carries the resolved stage configuration. */
export interface SightlineStackProps extends Omit<StackProps, 'env'> {
  readonly config: SightlineConfig;
}

/**
 * SightlineStack is one stage of the Sightline platform on AWS: network, KMS keys, EKS with the cluster
 * autoscaler, PostgreSQL, Redis, OpenSearch, the archive bucket, workload roles and cost controls.
 */
export class SightlineStack extends Stack {
  readonly config: SightlineConfig;
  readonly keys: EncryptionKeys;
  readonly network: Network;
  readonly kubernetes: KubernetesCluster;
  readonly database: Database;
  readonly cache: RedisCache;
  readonly search: SearchDomain;
  readonly archive: ArchiveBucket;
  readonly workloadRoles: WorkloadRoles;
  readonly costControls: CostControls;

  constructor(scope: Construct, id: string, props: SightlineStackProps) {
    const { config, ...stackProps } = props;
    super(scope, id, {
      description: `Sightline ${config.name}: EKS, RDS PostgreSQL, ElastiCache Redis, OpenSearch, S3 archive`,
      terminationProtection: config.name === 'prod',
      ...stackProps,
      env: { account: config.account, region: config.region },
    });
    this.config = config;
    const tags = costTags(config);
    for (const [key, value] of Object.entries(tags)) Tags.of(this).add(key, value);
    Aspects.of(this).add(new TagRawResources(tags), { priority: AspectPriority.MUTATING });

    const clusterName = `sightline-${config.name}`;
    const retainData = config.retainData;

    this.keys = new EncryptionKeys(this, 'Keys', { environment: config.name, retainData });
    this.network = new Network(this, 'Network', {
      ...config.network,
      logKey: this.keys.operations,
      retainData,
    });
    const vpc = this.network.vpc;

    this.kubernetes = new KubernetesCluster(this, 'Kubernetes', {
      clusterName,
      vpc,
      secretsKey: this.keys.cluster,
      logKey: this.keys.operations,
      logRetentionDays: config.logRetentionDays,
      ...config.cluster,
      retainData,
      tags: { ...tags, Component: 'kubernetes' },
    });
    const cluster = this.kubernetes.cluster;
    new ClusterAutoscaler(this, 'ClusterAutoscaler', { cluster, clusterName });
    // Managed nodes carry the EKS-created cluster security group, so it is the one clients come from.
    const clientSecurityGroup = cluster.clusterSecurityGroup;

    this.database = new Database(this, 'Database', {
      vpc,
      clientSecurityGroup,
      key: this.keys.database,
      logRetentionDays: config.logRetentionDays,
      ...config.database,
      retainData,
    });
    this.cache = new RedisCache(this, 'Cache', {
      vpc,
      clientSecurityGroup,
      key: this.keys.cache,
      logKey: this.keys.operations,
      logRetentionDays: config.logRetentionDays,
      ...config.cache,
      retainData,
    });
    this.search = new SearchDomain(this, 'Search', {
      vpc,
      clientSecurityGroup,
      key: this.keys.search,
      logKey: this.keys.operations,
      logRetentionDays: config.logRetentionDays,
      ...config.search,
      retainData,
    });
    this.archive = new ArchiveBucket(this, 'Archive', {
      key: this.keys.archive,
      ...config.archive,
      retainData,
    });
    this.workloadRoles = new WorkloadRoles(this, 'WorkloadRoles', {
      cluster,
      archive: this.archive.bucket,
      search: this.search.domain,
      ...config.workloads,
    });

    this.costControls = new CostControls(this, 'CostControls', {
      environment: config.name,
      ...config.budget,
      topicKey: this.keys.operations,
    });
    if (config.activateCostAllocationTags) {
      new CostAllocationTagActivation(this, 'CostAllocationTags', {
        tagKeys: [...Object.keys(tags), 'Component'],
      });
    }

    const components: [Construct, string][] = [
      [this.keys, 'encryption'],
      [this.network, 'network'],
      [this.kubernetes, 'kubernetes'],
      [this.database, 'database'],
      [this.cache, 'cache'],
      [this.search, 'search'],
      [this.archive, 'archive'],
      [this.workloadRoles, 'kubernetes'],
      [this.costControls, 'cost-controls'],
    ];
    for (const [construct, component] of components) Tags.of(construct).add('Component', component);

    this.outputs(clusterName);
  }

  /**
   * availabilityZones are always three, the pinned ones or the region's first three resolved at deploy time,
   * so synthesis needs neither credentials nor a context lookup (an account-agnostic stack would get two).
   */
  override get availabilityZones(): string[] {
    const pinned = this.config?.availabilityZones;
    return pinned !== undefined ? [...pinned] : [0, 1, 2].map((i) => Fn.select(i, Fn.getAzs()));
  }

  private outputs(clusterName: string): void {
    const out = (id: string, value: string, description: string): void => {
      new CfnOutput(this, id, { value, description });
    };
    out('ClusterName', clusterName, 'EKS cluster name');
    out(
      'KubeconfigCommand',
      `aws eks update-kubeconfig --name ${clusterName} --region ${this.region}`,
      'Writes a kubeconfig entry for the cluster (needs network access to the API endpoint)',
    );
    out(
      'DatabaseEndpoint',
      this.database.instance.dbInstanceEndpointAddress,
      'PostgreSQL host (TLS required)',
    );
    out(
      'DatabaseSecretArn',
      this.database.secret.secretArn,
      'Secrets Manager secret with the PostgreSQL credentials',
    );
    out(
      'RedisConfigurationEndpoint',
      this.cache.replicationGroup.attrConfigurationEndPointAddress,
      'Redis cluster-mode configuration endpoint (TLS, port 6379)',
    );
    out(
      'RedisAuthTokenSecretArn',
      this.cache.authToken.secretArn,
      'Secrets Manager secret with the Redis AUTH token',
    );
    out('OpenSearchEndpoint', this.search.domain.domainEndpoint, 'OpenSearch HTTPS endpoint (in the VPC)');
    out(
      'ArchiveBucketName',
      this.archive.bucket.bucketName,
      'S3 bucket for collector archives and report PDFs: Helm value collector.env.ARCHIVE_S3_BUCKET',
    );
    out(
      'ArchiveKeyArn',
      this.keys.archive.keyArn,
      'KMS key of the archive bucket: Helm value collector.env.ARCHIVE_S3_KMS_KEY_ID',
    );
    const { namespace, releaseName } = this.config.workloads;
    for (const [id, service, role] of [
      ['CollectorRoleArn', 'collector', this.workloadRoles.collector],
      ['ReportsRoleArn', 'reports', this.workloadRoles.reports],
    ] as const) {
      out(
        id,
        role.roleArn,
        `IRSA role of ServiceAccount ${namespace}/${chartServiceAccountName(releaseName, service)}: ` +
          `Helm value ${service}.serviceAccount.annotations."eks.amazonaws.com/role-arn"`,
      );
    }
    out('BudgetAlertTopicArn', this.costControls.topic.topicArn, 'SNS topic that receives budget alerts');
  }
}
