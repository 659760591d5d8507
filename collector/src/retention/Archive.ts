import type { Readable } from 'node:stream';

/** Archive stores retired partitions (gzip NDJSON) before they are dropped; local folder now, S3 later. */
export interface Archive {
  /** put stores the stream under key and resolves once it is durable; it rejects when it is not. */
  put(key: string, body: Readable): Promise<void>;
}
