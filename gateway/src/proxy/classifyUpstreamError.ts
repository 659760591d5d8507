/** UpstreamFailure is the problem the client sees when the upstream call fails before a response starts. */
export interface UpstreamFailure {
  status: 502 | 504;
  title: string;
  detail: string;
  reason: string;
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** classifyUpstreamError maps an upstream call error to 504 (too slow) or 502 (refused, reset or broken). */
export function classifyUpstreamError(err: unknown, timeoutMs: number): UpstreamFailure {
  const code = codeOf(err);
  if (TIMEOUT_CODES.has(code)) {
    return {
      status: 504,
      title: 'Gateway Timeout',
      detail: `upstream did not answer within ${timeoutMs} ms`,
      reason: code,
    };
  }
  return {
    status: 502,
    title: 'Bad Gateway',
    detail: 'upstream connection failed',
    reason: code || 'unknown',
  };
}

function codeOf(err: unknown): string {
  let e: unknown = err;
  // undici sometimes wraps the socket error; the innermost code is the informative one for timeouts.
  for (let depth = 0; depth < 4 && e; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  const top = (err as { code?: unknown } | undefined)?.code;
  return typeof top === 'string' ? top : '';
}
