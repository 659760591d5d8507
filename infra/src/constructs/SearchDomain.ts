import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import { Construct } from 'constructs';

/** SearchDomainProps sizes the domain and names who may reach it. */
export interface SearchDomainProps {
  readonly vpc: ec2.IVpc;
  /** The EKS cluster security group, which every managed node carries. */
  readonly clientSecurityGroup: ec2.ISecurityGroup;
  readonly key: kms.IKey;
  readonly logKey: kms.IKey;
  readonly logRetentionDays: logs.RetentionDays;
  readonly dataNodeInstanceType: string;
  readonly dataNodes: number;
  readonly masterNodeInstanceType: string | undefined;
  readonly volumeSizeGiB: number;
  readonly multiAzWithStandby: boolean;
  readonly retainData: boolean;
}

/**
 * SearchDomain is the OpenSearch domain the collector exports logs and spans to: inside the VPC, spread
 * over three AZs, encrypted at rest with a customer key and between nodes, HTTPS only with TLS 1.2+. It has
 * no resource policy, so only same-account IAM identities granted `es:ESHttp*` (the workload roles) get in.
 */
export class SearchDomain extends Construct {
  readonly domain: opensearch.Domain;

  constructor(scope: Construct, id: string, props: SearchDomainProps) {
    super(scope, id);
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Sightline OpenSearch: only the EKS cluster security group may connect',
      allowAllOutbound: false,
    });
    securityGroup.addIngressRule(
      props.clientSecurityGroup,
      ec2.Port.tcp(443),
      'OpenSearch HTTPS from EKS nodes and pods',
    );

    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logGroup = (name: string): logs.LogGroup =>
      new logs.LogGroup(this, name, {
        retention: props.logRetentionDays,
        encryptionKey: props.logKey,
        removalPolicy,
      });

    this.domain = new opensearch.Domain(this, 'Domain', {
      version: opensearch.EngineVersion.OPENSEARCH_2_19,
      vpc: props.vpc,
      // Exactly one subnet per AZ: the domain places one ENI per subnet and requires the AZ count to match.
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      securityGroups: [securityGroup],
      zoneAwareness: { enabled: true, availabilityZoneCount: 3 },
      capacity: {
        dataNodes: props.dataNodes,
        dataNodeInstanceType: props.dataNodeInstanceType,
        ...(props.masterNodeInstanceType === undefined
          ? {}
          : { masterNodes: 3, masterNodeInstanceType: props.masterNodeInstanceType }),
        multiAzWithStandbyEnabled: props.multiAzWithStandby,
      },
      ebs: { volumeSize: props.volumeSizeGiB, volumeType: ec2.EbsDeviceVolumeType.GP3 },
      encryptionAtRest: { enabled: true, kmsKey: props.key },
      nodeToNodeEncryption: true,
      enforceHttps: true,
      tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2,
      logging: {
        appLogEnabled: true,
        appLogGroup: logGroup('AppLog'),
        slowSearchLogEnabled: true,
        slowSearchLogGroup: logGroup('SlowSearchLog'),
        slowIndexLogEnabled: true,
        slowIndexLogGroup: logGroup('SlowIndexLog'),
      },
      automatedSnapshotStartHour: 2,
      enableAutoSoftwareUpdate: true,
      offPeakWindowEnabled: true,
      removalPolicy,
    });
  }
}
