/** RefusalReason is the `reason` label of collector_signals_refused_total. */
export type RefusalReason =
  | 'malformed'
  | 'internal'
  | 'too_large'
  | 'unsupported_media_type'
  | 'invalid_record'
  | 'storage'
  | 'memory_limit'
  | 'unauthenticated';

/** OtlpRequestError is a refused OTLP export: its status, the google.rpc code to report, and a metric reason. */
export class OtlpRequestError extends Error {
  override readonly name = 'OtlpRequestError';
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly status: 400 | 401 | 413 | 415 | 429 | 500 | 503,
    readonly reason: RefusalReason,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  /** rpcCode is the google.rpc.Code matching the HTTP status (INVALID_ARGUMENT, UNAUTHENTICATED, RESOURCE_EXHAUSTED, INTERNAL, UNAVAILABLE). */
  get rpcCode(): number {
    if (this.status === 401) return 16;
    if (this.status === 413 || this.status === 429) return 8;
    if (this.status === 500) return 13;
    if (this.status === 503) return 14;
    return 3;
  }
}
