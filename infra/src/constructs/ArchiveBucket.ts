import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** ArchiveBucketProps sets the key and the lifecycle of archived objects. */
export interface ArchiveBucketProps {
  readonly key: kms.IKey;
  readonly glacierAfterDays: number;
  readonly expireAfterDays: number;
  readonly retainData: boolean;
}

/**
 * ArchiveBucket holds the collector's retired partitions (`collector/`) and the weekly report PDFs
 * (`reports/`): private, TLS only, KMS-encrypted, versioned, moved to Glacier and later expired.
 */
export class ArchiveBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ArchiveBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      // One data key per bucket instead of one KMS call per object keeps KMS charges flat.
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        {
          id: 'archive-to-glacier-then-expire',
          transitions: [
            { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(props.glacierAfterDays) },
          ],
          expiration: Duration.days(props.expireAfterDays),
          // Overwritten or deleted versions are kept long enough to undo a mistake, not forever.
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      // Throw-away stages empty the bucket on teardown (a small custom-resource Lambda); prod never does.
      autoDeleteObjects: !props.retainData,
    });
  }
}
