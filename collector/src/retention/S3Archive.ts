import { S3Client } from '@aws-sdk/client-s3';
import type { PutObjectCommandInput, S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import type { Archive } from './Archive';
import { ArchiveUploadError } from './ArchiveUploadError';

const MIB = 1024 * 1024;

/** S3ArchiveConfig is the part of the collector's configuration that S3Archive reads. */
export interface S3ArchiveConfig {
  ARCHIVE_S3_BUCKET: string;
  ARCHIVE_S3_PREFIX?: string | undefined;
  ARCHIVE_S3_REGION?: string | undefined;
  ARCHIVE_S3_ENDPOINT?: string | undefined;
  ARCHIVE_S3_KMS_KEY_ID?: string | undefined;
}

/** S3ArchiveDeps are what S3Archive takes besides configuration; every field has a production default. */
export interface S3ArchiveDeps {
  /** Credentials or a provider of them; the AWS default chain (env, web identity / IRSA, …) when absent. */
  credentials?: S3ClientConfig['credentials'];
  /** Attempts per request, the first included (the SDK's default is 3). */
  maxAttempts?: number;
  /** How long a connection may take to open. */
  connectionTimeoutMs?: number;
  /** How long a socket may stay idle, request or response, before the attempt fails. */
  socketTimeoutMs?: number;
}

/**
 * S3Archive stores archives as S3 objects under a key prefix with lib-storage's `Upload`: one PutObject for bodies
 * up to one part, else a multipart upload of 8 MiB parts, two at a time, so a stream of unknown length never sits
 * in memory whole. Every object is server-side encrypted (SSE-KMS with the configured key and an S3 Bucket Key,
 * else SSE-S3) and carries CRC32 checksums S3 verifies on receipt. put resolves only after PutObject or
 * CompleteMultipartUpload succeeded; otherwise the upload is aborted, the body destroyed, and put rejects with
 * an ArchiveUploadError.
 */
export class S3Archive implements Archive {
  /** DEFAULT_PREFIX is the key prefix when ARCHIVE_S3_PREFIX is not set; the collector's IAM grant covers it. */
  static readonly DEFAULT_PREFIX = 'collector/';
  /** PART_SIZE is the multipart part size; S3 wants at least 5 MiB for every part but the last. */
  static readonly PART_SIZE = 8 * MIB;
  /** QUEUE_SIZE is how many parts upload at once, so at most 16 MiB of an archive is buffered. */
  static readonly QUEUE_SIZE = 2;

  private constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
    private readonly encryption: Pick<
      PutObjectCommandInput,
      'ServerSideEncryption' | 'SSEKMSKeyId' | 'BucketKeyEnabled'
    >,
  ) {}

  /** fromConfig builds the S3 client: path-style addressing when an endpoint is set (S3-compatible stores). */
  static fromConfig(config: S3ArchiveConfig, deps: S3ArchiveDeps = {}): S3Archive {
    const endpoint = config.ARCHIVE_S3_ENDPOINT;
    const client = new S3Client({
      // S3-compatible stores rarely care about the region, but SigV4 signs one; theirs is usually us-east-1.
      region: config.ARCHIVE_S3_REGION ?? (endpoint === undefined ? undefined : 'us-east-1'),
      ...(endpoint === undefined ? {} : { endpoint, forcePathStyle: true }),
      ...(deps.credentials === undefined ? {} : { credentials: deps.credentials }),
      ...(deps.maxAttempts === undefined ? {} : { maxAttempts: deps.maxAttempts }),
      requestHandler: {
        connectionTimeout: deps.connectionTimeoutMs ?? 10_000,
        socketTimeout: deps.socketTimeoutMs ?? 120_000,
      },
    });
    const kmsKeyId = config.ARCHIVE_S3_KMS_KEY_ID;
    return new S3Archive(
      client,
      config.ARCHIVE_S3_BUCKET,
      config.ARCHIVE_S3_PREFIX ?? S3Archive.DEFAULT_PREFIX,
      kmsKeyId === undefined
        ? { ServerSideEncryption: 'AES256' }
        : { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId, BucketKeyEnabled: true },
    );
  }

  async put(key: string, body: Readable): Promise<void> {
    const objectKey = `${this.prefix}${key}`;
    const target = `s3://${this.bucket}/${objectKey}`;
    if (!/^[a-z0-9_/.-]+$/.test(key) || key.includes('..') || key.startsWith('/')) {
      body.destroy();
      throw new ArchiveUploadError(target, new Error('invalid archive key'));
    }
    const upload = new Upload({
      client: this.client,
      partSize: S3Archive.PART_SIZE,
      queueSize: S3Archive.QUEUE_SIZE,
      // A failed upload must not leave billed, invisible parts behind.
      leavePartsOnError: false,
      params: {
        Bucket: this.bucket,
        Key: objectKey,
        Body: body,
        ContentType: key.endsWith('.gz') ? 'application/gzip' : 'application/octet-stream',
        ChecksumAlgorithm: 'CRC32',
        ...this.encryption,
      },
    });
    let etag: string | undefined;
    try {
      const result = await upload.done();
      etag = 'ETag' in result ? result.ETag : undefined;
    } catch (err) {
      // The uploader stops reading on failure; destroying the body tells its producer to stop too.
      body.destroy();
      throw new ArchiveUploadError(target, err);
    }
    if (!etag) throw new ArchiveUploadError(target, new Error('the store answered without an ETag'));
  }

  /** close releases the client's sockets. */
  close(): void {
    this.client.destroy();
  }
}
