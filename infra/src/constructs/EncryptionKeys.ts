import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** EncryptionKeysProps names the stage the keys belong to. */
export interface EncryptionKeysProps {
  readonly environment: string;
  readonly retainData: boolean;
}

/**
 * EncryptionKeys creates one customer-managed, yearly-rotated KMS key per data store, so that revoking
 * or auditing one store's key never touches another's.
 */
export class EncryptionKeys extends Construct {
  readonly cluster: kms.Key;
  readonly database: kms.Key;
  readonly cache: kms.Key;
  readonly search: kms.Key;
  readonly archive: kms.Key;
  /** operations encrypts log groups and the budget alert topic. */
  readonly operations: kms.Key;

  constructor(scope: Construct, id: string, props: EncryptionKeysProps) {
    super(scope, id);
    const make = (name: string, description: string): kms.Key =>
      new kms.Key(this, name, {
        alias: `alias/sightline-${props.environment}/${name.toLowerCase()}`,
        description: `Sightline ${props.environment}: ${description}`,
        enableKeyRotation: true,
        rotationPeriod: Duration.days(365),
        pendingWindow: Duration.days(30),
        // A deleted key makes every snapshot and backup encrypted with it unreadable.
        removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });

    this.cluster = make('Cluster', 'EKS Kubernetes secrets envelope encryption');
    this.database = make('Database', 'RDS PostgreSQL storage, Performance Insights and credentials');
    this.cache = make('Cache', 'ElastiCache Redis at-rest encryption and auth token');
    this.search = make('Search', 'OpenSearch at-rest encryption');
    this.archive = make('Archive', 'S3 archive bucket (collector archives, report PDFs)');
    this.operations = make('Operations', 'CloudWatch log groups and budget alert topic');

    const stack = Stack.of(this);
    // CloudWatch Logs encrypts on behalf of the account, scoped to this account's log groups only.
    this.operations.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogs',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
          },
        },
      }),
    );
    // AWS Budgets publishes to the encrypted alert topic, so it must be able to use the key.
    this.operations.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowBudgetsToPublish',
        principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
  }
}
