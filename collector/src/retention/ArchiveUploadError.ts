/**
 * ArchiveUploadError says an archive was not stored. It keeps the store's error code, message, HTTP status and
 * request id, and drops the rest of the client's error: S3 error bodies echo access key ids and strings to sign.
 */
export class ArchiveUploadError extends Error {
  override readonly name = 'ArchiveUploadError';
  /** The store's error code (`SignatureDoesNotMatch`, `SlowDown`, …) or the client error's name. */
  readonly code: string;
  /** The HTTP status of the last attempt, when there was an answer. */
  readonly httpStatus: number | undefined;

  constructor(target: string, err: unknown) {
    const e = (typeof err === 'object' && err !== null ? err : {}) as {
      name?: unknown;
      message?: unknown;
      Code?: unknown;
      $metadata?: { httpStatusCode?: number; requestId?: string };
    };
    const code = typeof e.Code === 'string' ? e.Code : typeof e.name === 'string' ? e.name : 'Error';
    const status = e.$metadata?.httpStatusCode;
    const requestId = e.$metadata?.requestId;
    const text = typeof e.message === 'string' ? e.message.slice(0, 300) : String(err).slice(0, 300);
    const details = [
      status === undefined ? null : `HTTP ${status}`,
      requestId ? `request id ${requestId}` : null,
    ].filter((d) => d !== null);
    super(
      `archive ${target} was not stored: ${code}: ${text}${details.length ? ` (${details.join(', ')})` : ''}`,
    );
    this.code = code;
    this.httpStatus = status;
  }
}
