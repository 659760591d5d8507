import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** DatabaseProps sizes the instance and names who may connect to it. */
export interface DatabaseProps {
  readonly vpc: ec2.IVpc;
  /** The EKS cluster security group, which every managed node carries. */
  readonly clientSecurityGroup: ec2.ISecurityGroup;
  readonly key: kms.IKey;
  readonly instanceType: string;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
  readonly logRetentionDays: logs.RetentionDays;
  readonly retainData: boolean;
}

/**
 * Database is the shared PostgreSQL 15 instance (each service owns a schema in it): Multi-AZ, encrypted
 * with a customer key, in the isolated subnets, reachable only from the EKS cluster security group, with
 * its master credentials in Secrets Manager.
 */
export class Database extends Construct {
  readonly instance: rds.DatabaseInstance;
  readonly secret: secretsmanager.ISecret;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Sightline PostgreSQL: only the EKS cluster security group may connect',
      allowAllOutbound: false,
    });
    securityGroup.addIngressRule(
      props.clientSecurityGroup,
      ec2.Port.tcp(5432),
      'PostgreSQL from EKS nodes and pods',
    );

    const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_15 });
    const parameterGroup = new rds.ParameterGroup(this, 'Parameters', {
      engine,
      description: 'Sightline PostgreSQL 15: TLS only, slow statements logged',
      parameters: {
        'rds.force_ssl': '1',
        log_min_duration_statement: '500',
        // The alerting queue relies on SKIP LOCKED; long idle transactions would hold its rows.
        idle_in_transaction_session_timeout: '60000',
      },
    });

    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine,
      instanceType: new ec2.InstanceType(props.instanceType.replace(/^db\./, '')),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [securityGroup],
      publiclyAccessible: false,
      multiAz: true,
      databaseName: 'sightline',
      credentials: rds.Credentials.fromGeneratedSecret('sightline_admin', { encryptionKey: props.key }),
      parameterGroup,
      storageType: rds.StorageType.GP3,
      allocatedStorage: props.allocatedStorageGiB,
      maxAllocatedStorage: props.maxAllocatedStorageGiB,
      storageEncrypted: true,
      storageEncryptionKey: props.key,
      // Automated backups are what point-in-time recovery restores from, to any second in the window.
      backupRetention: Duration.days(props.backupRetentionDays),
      preferredBackupWindow: '02:00-03:00',
      preferredMaintenanceWindow: 'sun:03:30-sun:04:30',
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: !props.retainData,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.retainData ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      enablePerformanceInsights: true,
      performanceInsightRetention: rds.PerformanceInsightRetention.DEFAULT,
      performanceInsightEncryptionKey: props.key,
      monitoringInterval: Duration.seconds(60),
      cloudwatchLogsExports: ['postgresql', 'upgrade'],
      cloudwatchLogsRetention: props.logRetentionDays,
      iamAuthentication: true,
      autoMinorVersionUpgrade: true,
      caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
    });
    this.secret = this.instance.secret!;
  }
}
