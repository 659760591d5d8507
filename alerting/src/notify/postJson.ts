/** DEFAULT_NOTIFY_TIMEOUT_MS is how long an HTTP notifier waits for one answer, body included. */
export const DEFAULT_NOTIFY_TIMEOUT_MS = 10_000;

// Receivers' error bodies only feed a reason line; reading more would let a hostile receiver fill our memory.
const MAX_ANSWER_BYTES = 16 * 1024;

/** HttpAnswer is what a receiver said: the status, the start of its body and its Retry-After header. */
export interface HttpAnswer {
  status: number;
  body: string;
  retryAfter: string | null;
}

/** PostOutcome is either an answer (any status) or the error that prevented one. */
export type PostOutcome = { kind: 'answer'; answer: HttpAnswer } | { kind: 'error'; error: unknown };

/** PostJsonOptions bound one request: its timeout, and the caller's signal (shutdown, pipeline deadline). */
export interface PostJsonOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

async function readCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_ANSWER_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8');
}

/**
 * postJson POSTs a JSON body with global fetch under AbortSignal.timeout combined with the caller's signal; it never
 * throws, and it does not follow redirects (a 3xx is an answer the retry table calls dead).
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostJsonOptions,
): Promise<PostOutcome> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Sightline-Alerting/1', ...headers },
      body,
      redirect: 'manual',
      signal,
    });
    const text = await readCapped(res);
    return {
      kind: 'answer',
      answer: { status: res.status, body: text, retryAfter: res.headers.get('retry-after') },
    };
  } catch (error) {
    return { kind: 'error', error };
  }
}
