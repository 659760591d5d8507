import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** RedisCacheProps sizes the shards and names who may connect. */
export interface RedisCacheProps {
  readonly vpc: ec2.IVpc;
  /** The EKS cluster security group, which every managed node carries. */
  readonly clientSecurityGroup: ec2.ISecurityGroup;
  readonly key: kms.IKey;
  readonly logKey: kms.IKey;
  readonly logRetentionDays: logs.RetentionDays;
  readonly nodeType: string;
  readonly shards: number;
  readonly replicasPerShard: number;
  readonly snapshotRetentionDays: number;
  readonly retainData: boolean;
}

const PORT = 6379;

/**
 * RedisCache is ElastiCache for Redis in cluster mode (the gateway's hash-tagged limiter counters, reached with
 * REDIS_CLUSTER_NODES, REDIS_CLUSTER_TLS and the auth token as REDIS_CLUSTER_PASSWORD): sharded, one replica or more per shard across the AZs with automatic
 * failover, encrypted at rest with a customer key and in transit with TLS, behind an AUTH token kept in
 * Secrets Manager.
 */
export class RedisCache extends Construct {
  readonly replicationGroup: elasticache.CfnReplicationGroup;
  readonly authToken: secretsmanager.Secret;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: RedisCacheProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Sightline Redis: only the EKS cluster security group may connect',
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(
      props.clientSecurityGroup,
      ec2.Port.tcp(PORT),
      'Redis from EKS nodes and pods',
    );

    const subnetGroup = new elasticache.CfnSubnetGroup(this, 'SubnetGroup', {
      description: 'Sightline Redis: isolated subnets',
      subnetIds: props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });

    // ElastiCache AUTH tokens allow 16-128 printable characters but not @, " or /; letters and digits are safe.
    this.authToken = new secretsmanager.Secret(this, 'AuthToken', {
      description: 'Sightline Redis AUTH token',
      encryptionKey: props.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const slowLog = new logs.LogGroup(this, 'SlowLog', {
      retention: props.logRetentionDays,
      encryptionKey: props.logKey,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.replicationGroup = new elasticache.CfnReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupDescription: 'Sightline Redis (cluster mode): limiter counters and realtime fan-out',
      engine: 'redis',
      engineVersion: '7.1',
      cacheNodeType: props.nodeType,
      clusterMode: 'enabled',
      cacheParameterGroupName: 'default.redis7.cluster.on',
      numNodeGroups: props.shards,
      replicasPerNodeGroup: props.replicasPerShard,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      cacheSubnetGroupName: subnetGroup.ref,
      securityGroupIds: [this.securityGroup.securityGroupId],
      port: PORT,
      atRestEncryptionEnabled: true,
      kmsKeyId: props.key.keyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      // A dynamic reference: CloudFormation resolves it at deploy time, so the token never enters the template.
      authToken: this.authToken.secretValue.unsafeUnwrap(),
      autoMinorVersionUpgrade: true,
      snapshotRetentionLimit: props.snapshotRetentionDays,
      snapshotWindow: '03:00-04:00',
      preferredMaintenanceWindow: 'sun:04:30-sun:05:30',
      logDeliveryConfigurations: [
        {
          destinationType: 'cloudwatch-logs',
          destinationDetails: { cloudWatchLogsDetails: { logGroup: slowLog.logGroupName } },
          logFormat: 'json',
          logType: 'slow-log',
        },
      ],
    });
    this.replicationGroup.applyRemovalPolicy(
      props.retainData ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
    );
  }
}
