import type { Readable } from 'node:stream';

/** Archive stores retired partitions (gzip NDJSON) before they are dropped: a local folder, or S3 in production. */
export interface Archive {
  /**
   * put stores the stream under key and resolves only once it is durable; it rejects when it is not. It reads the
   * body to its end before resolving, and a body that fails fails the put.
   */
  put(key: string, body: Readable): Promise<void>;
  /** close releases what the archive holds open (connections); it is called once, at shutdown. */
  close?(): void | Promise<void>;
}
