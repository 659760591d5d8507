import type { CollectorConfig } from '../config';
import type { Archive } from './Archive';
import { LocalDirectoryArchive } from './LocalDirectoryArchive';
import { S3Archive } from './S3Archive';
import type { S3ArchiveDeps } from './S3Archive';

/** ArchiveDeps are what the archives take besides configuration (tests pass S3 credentials here). */
export type ArchiveDeps = S3ArchiveDeps;

/**
 * createArchive is the archive registry: S3 when ARCHIVE_S3_BUCKET is set, else the local ARCHIVE_DIR.
 * S3 credentials come from deps or the AWS default provider chain, never from configuration.
 */
export function createArchive(
  config: Pick<
    CollectorConfig,
    | 'ARCHIVE_DIR'
    | 'ARCHIVE_S3_BUCKET'
    | 'ARCHIVE_S3_PREFIX'
    | 'ARCHIVE_S3_REGION'
    | 'ARCHIVE_S3_ENDPOINT'
    | 'ARCHIVE_S3_KMS_KEY_ID'
  >,
  deps: ArchiveDeps = {},
): Archive {
  const bucket = config.ARCHIVE_S3_BUCKET;
  if (bucket !== undefined) return S3Archive.fromConfig({ ...config, ARCHIVE_S3_BUCKET: bucket }, deps);
  return new LocalDirectoryArchive(config.ARCHIVE_DIR);
}
