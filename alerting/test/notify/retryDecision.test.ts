import {
  MAX_RETRY_AFTER_MS,
  classifyHttpStatus,
  classifyNetworkError,
  classifySmtpReply,
  httpStatusResult,
  parseRetryAfter,
} from '../../src/notify/retryDecision';

const withCode = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });
const fetchFailed = (cause: unknown): TypeError => new TypeError('fetch failed', { cause });

test('every status class lands where the table says, including the odd ones', () => {
  const table: [number, string][] = [
    [100, 'dead'],
    [204, 'delivered'],
    [299, 'delivered'],
    [301, 'dead'],
    [304, 'dead'],
    [405, 'dead'],
    [409, 'dead'],
    [410, 'dead'],
    [422, 'dead'],
    [425, 'retry'],
    [501, 'retry'],
    [599, 'retry'],
    [600, 'dead'],
  ];
  for (const [status, expected] of table)
    expect([status, classifyHttpStatus(status)]).toEqual([status, expected]);
  expect([
    classifySmtpReply(250),
    classifySmtpReply(354),
    classifySmtpReply(421),
    classifySmtpReply(554),
  ]).toEqual(['delivered', 'dead', 'retry', 'dead']);
});

test('a redirect or interim answer is final and says why', () => {
  expect(httpStatusResult('Slack', 302, '')).toEqual({
    ok: false,
    retryable: false,
    reason: 'Slack answered 302 (a redirect, which is not followed for a POST)',
  });
  expect(httpStatusResult('Slack', 101, '')).toMatchObject({ ok: false, retryable: false });
  expect(httpStatusResult('PagerDuty', 503, 'maintenance', 5000)).toEqual({
    ok: false,
    retryable: true,
    reason: 'PagerDuty answered 503 (maintenance)',
    retryAfterMs: 5000,
  });
});

test('transient network failures are retried, with the code as the only detail', () => {
  const cases: [unknown, string][] = [
    [
      fetchFailed(withCode('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443')),
      'connection refused (ECONNREFUSED)',
    ],
    [fetchFailed(withCode('ECONNRESET')), 'connection reset (ECONNRESET)'],
    [withCode('ETIMEDOUT'), 'connection timed out (ETIMEDOUT)'],
    [fetchFailed(withCode('EAI_AGAIN')), 'temporary DNS failure (EAI_AGAIN)'],
    [withCode('EPIPE'), 'connection closed while sending (EPIPE)'],
    [new Error('socket hang up'), 'socket hang up'],
    [
      fetchFailed(withCode('UND_ERR_SOCKET', 'other side closed')),
      'socket closed by the other side (UND_ERR_SOCKET)',
    ],
    [fetchFailed(withCode('UND_ERR_CONNECT_TIMEOUT')), 'connect timed out (UND_ERR_CONNECT_TIMEOUT)'],
    [
      fetchFailed(withCode('UND_ERR_HEADERS_TIMEOUT')),
      'timed out waiting for response headers (UND_ERR_HEADERS_TIMEOUT)',
    ],
    [new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'timed out'],
    [new DOMException('This operation was aborted', 'AbortError'), 'aborted'],
    [
      Object.assign(new Error('aborted', { cause: new DOMException('t', 'TimeoutError') }), {
        name: 'AbortError',
      }),
      'timed out',
    ],
    [fetchFailed(new Error('something new')), 'network error'],
  ];
  for (const [err, reason] of cases) expect(classifyNetworkError(err)).toEqual({ retryable: true, reason });
});

test('failures no retry can fix are final: certificates, invalid URLs, programming errors', () => {
  const cases: [unknown, string][] = [
    [
      fetchFailed(withCode('DEPTH_ZERO_SELF_SIGNED_CERT')),
      'TLS certificate rejected (DEPTH_ZERO_SELF_SIGNED_CERT)',
    ],
    [fetchFailed(withCode('CERT_HAS_EXPIRED')), 'TLS certificate rejected (CERT_HAS_EXPIRED)'],
    [
      fetchFailed(withCode('UNABLE_TO_VERIFY_LEAF_SIGNATURE')),
      'TLS certificate rejected (UNABLE_TO_VERIFY_LEAF_SIGNATURE)',
    ],
    [
      fetchFailed(withCode('ERR_TLS_CERT_ALTNAME_INVALID')),
      'TLS certificate does not match the host (ERR_TLS_CERT_ALTNAME_INVALID)',
    ],
    [
      new TypeError('Failed to parse URL from https://x/secret', { cause: withCode('ERR_INVALID_URL') }),
      'invalid URL (ERR_INVALID_URL)',
    ],
    [fetchFailed(new Error('unknown scheme')), 'unsupported URL scheme'],
    [new RangeError('bug'), 'unexpected error (RangeError)'],
    ['a string', 'unexpected error (string)'],
  ];
  for (const [err, reason] of cases) expect(classifyNetworkError(err)).toEqual({ retryable: false, reason });
});

test('network reasons never repeat the error message, where fetch puts the URL', () => {
  const err = new TypeError('Failed to parse URL from https://hooks.slack.com/services/T/B/s3cr3t', {
    cause: withCode('ERR_INVALID_URL', 'Invalid URL https://hooks.slack.com/services/T/B/s3cr3t'),
  });
  expect(JSON.stringify(classifyNetworkError(err))).not.toContain('s3cr3t');
});

test('Retry-After is read as seconds or an HTTP date, and capped', () => {
  const now = Date.UTC(2026, 0, 10, 12, 0, 0);
  expect(parseRetryAfter('120', now)).toBe(120_000);
  expect(parseRetryAfter(' 0 ', now)).toBe(0);
  expect(parseRetryAfter('Sat, 10 Jan 2026 12:00:45 GMT', now)).toBe(45_000);
  expect(parseRetryAfter('Saturday, 10-Jan-26 12:00:45 GMT', now)).toBe(45_000);
  expect(parseRetryAfter('Sat, 10 Jan 2026 11:00:00 GMT', now)).toBe(0);
  expect(parseRetryAfter('999999', now)).toBe(MAX_RETRY_AFTER_MS);
  expect(parseRetryAfter('Mon, 01 Jan 2035 00:00:00 GMT', now)).toBe(MAX_RETRY_AFTER_MS);
  expect(parseRetryAfter('120', now, 60_000)).toBe(60_000);
  for (const bad of [undefined, null, '', '-5', '1.5', 'soon', 'Xyz, garbage']) {
    expect([bad, parseRetryAfter(bad, now)]).toEqual([bad, undefined]);
  }
});
