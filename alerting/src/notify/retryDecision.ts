import type { NotifyResult } from './Notifier';

/** DeliveryClass is what one answer means for a notification: done, worth another try, or never going to work. */
export type DeliveryClass = 'delivered' | 'retry' | 'dead';

/** NetworkVerdict says whether a failure before any answer is worth another try, and why, without any URL or secret. */
export interface NetworkVerdict {
  retryable: boolean;
  reason: string;
}

/** MAX_RETRY_AFTER_MS caps a receiver's Retry-After, so a hostile or buggy answer cannot park an outbox row for days. */
export const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

// 408 and 425 say "the same request, later, may work"; 429 is PagerDuty's and Slack's rate limit.
const RETRYABLE_4XX = new Set([408, 425, 429]);

/**
 * classifyHttpStatus is the one table every HTTP notifier uses: 2xx delivered; 408, 425, 429 and 5xx retry;
 * other 4xx, and the 1xx/3xx a POST should never end on, dead.
 */
export function classifyHttpStatus(status: number): DeliveryClass {
  if (status >= 200 && status < 300) return 'delivered';
  if (RETRYABLE_4XX.has(status) || (status >= 500 && status < 600)) return 'retry';
  return 'dead';
}

/** classifySmtpReply is the same table for SMTP reply codes: 2xx delivered, 4xx (transient) retry, 5xx and anything else dead. */
export function classifySmtpReply(code: number): DeliveryClass {
  if (code >= 200 && code < 300) return 'delivered';
  if (code >= 400 && code < 500) return 'retry';
  return 'dead';
}

const RETRYABLE_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EAI_AGAIN: 'temporary DNS failure',
  ENOTFOUND: 'host not found',
  EPIPE: 'connection closed while sending',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNABORTED: 'connection aborted',
  UND_ERR_SOCKET: 'socket closed by the other side',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for response headers',
  UND_ERR_BODY_TIMEOUT: 'timed out reading the response body',
  UND_ERR_CLOSED: 'connection closed',
  // nodemailer's wrappers around the socket errors above.
  ECONNECTION: 'SMTP connection closed unexpectedly',
  ESOCKET: 'SMTP socket error',
  EDNS: 'DNS lookup of the SMTP server failed',
};

const PERMANENT_CODES: Record<string, string> = {
  ERR_INVALID_URL: 'invalid URL',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host',
  ETLS: 'TLS handshake with the SMTP server failed',
  EAUTH: 'SMTP authentication failed',
  ENOAUTH: 'SMTP credentials missing',
  ECONFIG: 'invalid SMTP configuration',
};

// Node's TLS verification codes (X509_V_ERR_* names without the prefix): none of them heals by retrying.
const CERT_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME_MISMATCH/;

function codeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, originalCode } = value as { code?: unknown; originalCode?: unknown };
  if (typeof originalCode === 'string') return originalCode;
  return typeof code === 'string' ? code : undefined;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { name } = value as { name?: unknown };
  return typeof name === 'string' ? name : undefined;
}

function messageOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const { message } = value as { message?: unknown };
  return typeof message === 'string' ? message : '';
}

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = err;
  while (current !== undefined && current !== null && chain.length < 5) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/**
 * classifyNetworkError says whether an error thrown before any answer is worth another try. Reasons are built from
 * error codes only, never from messages, because fetch and nodemailer put the URL (and so a webhook token) in theirs.
 */
export function classifyNetworkError(err: unknown): NetworkVerdict {
  for (const e of causes(err)) {
    const name = nameOf(e);
    // AbortSignal.timeout() rejects with TimeoutError; an AbortError is the caller's signal (shutdown, pipeline
    // deadline). Neither proves the receiver saw the request, so both leave the notification to be sent again.
    if (name === 'TimeoutError') return { retryable: true, reason: 'timed out' };
    if (name === 'AbortError') {
      const cause = (e as { cause?: unknown }).cause;
      const timedOut = nameOf(cause) === 'TimeoutError';
      return { retryable: true, reason: timedOut ? 'timed out' : 'aborted' };
    }
    const code = codeOf(e);
    if (code === undefined) {
      if (/socket hang up/i.test(messageOf(e))) return { retryable: true, reason: 'socket hang up' };
      continue;
    }
    const retryable = RETRYABLE_CODES[code];
    if (retryable !== undefined) return { retryable: true, reason: `${retryable} (${code})` };
    const permanent = PERMANENT_CODES[code];
    if (permanent !== undefined) return { retryable: false, reason: `${permanent} (${code})` };
    if (CERT_CODE.test(code)) return { retryable: false, reason: `TLS certificate rejected (${code})` };
    if (code.endsWith('TIMEOUT')) return { retryable: true, reason: `timed out (${code})` };
  }
  const top = err as { message?: unknown } | null;
  if (top instanceof TypeError && /^Failed to parse URL/.test(String(top.message))) {
    return { retryable: false, reason: 'invalid URL' };
  }
  // fetch wraps every transport failure in TypeError('fetch failed'): an unknown cause is still the network.
  if (top instanceof TypeError && top.message === 'fetch failed') {
    const inner = causes(err)[1];
    const innerMessage = messageOf(inner);
    if (/unknown scheme/i.test(innerMessage)) return { retryable: false, reason: 'unsupported URL scheme' };
    return { retryable: true, reason: 'network error' };
  }
  return { retryable: false, reason: `unexpected error (${nameOf(err) ?? typeof err})` };
}

/**
 * parseRetryAfter turns a Retry-After header (delay-seconds or an HTTP-date, RFC 9110 §10.2.3) into milliseconds
 * from `now`, capped at `capMs`; it gives undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number = Date.now(),
  capMs: number = MAX_RETRY_AFTER_MS,
): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, capMs);
  // Only the date formats HTTP allows start with a day name; Date.parse alone accepts too much ("1.5" is a date).
  if (!/^[A-Za-z]{3,9},? /.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(at - now, 0), capMs);
}

/**
 * httpStatusResult turns an HTTP answer into a NotifyResult with the shared table; `what` names the receiver and
 * `detail` is the receiver's own (already scrubbed) explanation.
 */
export function httpStatusResult(
  what: string,
  status: number,
  detail: string,
  retryAfterMs?: number,
): NotifyResult {
  const verdict = classifyHttpStatus(status);
  if (verdict === 'delivered') return { ok: true, ...(detail ? { detail } : {}) };
  const why =
    status < 200
      ? 'an interim 1xx answer where a final one was due'
      : status >= 300 && status < 400
        ? 'a redirect, which is not followed for a POST'
        : '';
  const suffix = [why, detail].filter((s) => s !== '').join(': ');
  const reason = `${what} answered ${status}${suffix ? ` (${suffix})` : ''}`;
  if (verdict === 'retry') {
    return { ok: false, retryable: true, reason, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  return { ok: false, retryable: false, reason };
}

/** networkErrorResult turns a failure before any answer into a NotifyResult with the shared network table. */
export function networkErrorResult(what: string, err: unknown): NotifyResult {
  const verdict = classifyNetworkError(err);
  return { ok: false, retryable: verdict.retryable, reason: `${what} unreachable: ${verdict.reason}` };
}
