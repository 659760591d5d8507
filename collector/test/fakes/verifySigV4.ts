import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** S3Refusal is an S3 error answer: the status and `<Code>` S3 documents for the broken rule, and why. */
export interface S3Refusal {
  status: number;
  code: string;
  message: string;
  /** Extra `<Error>` elements, as real S3 adds to SignatureDoesNotMatch. */
  extra?: Record<string, string>;
}

/** SignedRequest is what verifySigV4 needs of a request: the raw path and query as sent, headers and body. */
export interface SignedRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** SigV4Keys are the access keys the fake accepts, the region and service it signs for, and its clock. */
export interface SigV4Keys {
  credentials: Record<string, string>;
  region: string;
  /** The signing service: `s3` (the default) or another, such as `es` for Amazon OpenSearch Service. */
  service?: string;
  now: () => number;
}

/** VerifiedRequest is a request whose signature and payload checked out: the decoded payload and its trailers. */
export interface VerifiedRequest {
  accessKeyId: string;
  payload: Buffer;
  trailers: Record<string, string>;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');
const MAX_SKEW_MS = 15 * 60_000;
const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const refuse = (
  status: number,
  code: string,
  message: string,
  extra?: Record<string, string>,
): S3Refusal => ({
  status,
  code,
  message,
  ...(extra ? { extra } : {}),
});

/** uriEncode is SigV4's strict percent-encoding: everything but A-Z a-z 0-9 - _ . ~ (RFC 3986 unreserved). */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** canonicalQuery decodes the query as sent, re-encodes it strictly and sorts it by name, then value. */
function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  return rawQuery
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      return [uriEncode(decodeURIComponent(name)), uriEncode(decodeURIComponent(value))] as const;
    })
    .sort(([an, av], [bn, bv]) => (an === bn ? (av < bv ? -1 : 1) : an < bn ? -1 : 1))
    .map(([n, v]) => `${n}=${v}`)
    .join('&');
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/**
 * verifySigV4 checks a request the way S3 (or another AWS service) does for header-based Signature Version 4: the credential scope, that
 * host and every x-amz-* header are signed, x-amz-date within 15 minutes, the signature recomputed from the
 * canonical request, and the payload against x-amz-content-sha256 (a hex SHA-256, UNSIGNED-PAYLOAD, or aws-chunked
 * STREAMING-* bodies whose chunk and trailer signatures are checked and which are decoded here).
 */
export function verifySigV4(req: SignedRequest, keys: SigV4Keys): VerifiedRequest | S3Refusal {
  const authorization = header(req.headers, 'authorization');
  if (!authorization) return refuse(403, 'AccessDenied', 'Anonymous access is not allowed: no Authorization');
  const m = AUTH.exec(authorization);
  if (!m) return refuse(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed');
  const [, accessKeyId, date, region, service, signedList, signature] = m as unknown as string[];
  const secret = keys.credentials[accessKeyId!];
  if (secret === undefined)
    return refuse(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    );
  const expectedService = keys.service ?? 's3';
  if (region !== keys.region || service !== expectedService)
    return refuse(
      400,
      'AuthorizationHeaderMalformed',
      `the scope must be ${keys.region}/${expectedService}, not ${region}/${service}`,
    );

  const amzDate = header(req.headers, 'x-amz-date');
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate))
    return refuse(403, 'AccessDenied', 'AWS authentication requires a valid x-amz-date header');
  if (amzDate.slice(0, 8) !== date)
    return refuse(400, 'AuthorizationHeaderMalformed', 'the credential date does not match x-amz-date');
  const sent = Date.UTC(
    +amzDate.slice(0, 4),
    +amzDate.slice(4, 6) - 1,
    +amzDate.slice(6, 8),
    +amzDate.slice(9, 11),
    +amzDate.slice(11, 13),
    +amzDate.slice(13, 15),
  );
  if (Math.abs(sent - keys.now()) > MAX_SKEW_MS)
    return refuse(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
    );

  const contentSha = header(req.headers, 'x-amz-content-sha256');
  if (!contentSha)
    return refuse(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');

  const signed = signedList!.split(';');
  const sorted = [...signed].sort();
  if (signed.join(';') !== sorted.join(';') || new Set(signed).size !== signed.length)
    return refuse(400, 'AuthorizationHeaderMalformed', 'SignedHeaders must be sorted and unique');
  const unsigned = Object.keys(req.headers).filter(
    (h) => (h === 'host' || h.startsWith('x-amz-') || h === 'content-md5') && !signed.includes(h),
  );
  if (unsigned.length > 0)
    return refuse(
      403,
      'AccessDenied',
      `There were headers present in the request which were not signed: ${unsigned.join(', ')}`,
    );
  for (const h of signed)
    if (header(req.headers, h) === undefined)
      return refuse(403, 'AccessDenied', `signed header ${h} is not in the request`);

  const canonicalHeaders = signed
    .map((h) => `${h}:${header(req.headers, h)!.trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  // S3 signs the path as sent; every other service encodes each segment of it once more.
  const canonicalUri =
    expectedService === 's3' ? req.rawPath : req.rawPath.split('/').map(uriEncode).join('/');
  const canonicalRequest = [
    req.method,
    canonicalUri,
    canonicalQuery(req.rawQuery),
    canonicalHeaders,
    signedList,
    contentSha,
  ].join('\n');
  const scope = `${date}/${region}/${expectedService}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date!), region!), expectedService), 'aws4_request');
  const expected = hmac(signingKey, stringToSign).toString('hex');
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature!)))
    return refuse(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      {
        AWSAccessKeyId: accessKeyId!,
        StringToSign: stringToSign,
        SignatureProvided: signature!,
        CanonicalRequest: canonicalRequest,
      },
    );

  const chain = { signingKey, amzDate, scope, previous: signature! };
  switch (contentSha) {
    case 'UNSIGNED-PAYLOAD':
      return { accessKeyId: accessKeyId!, payload: req.body, trailers: {} };
    case 'STREAMING-UNSIGNED-PAYLOAD-TRAILER':
      return decodeStreaming(req, accessKeyId!, null, true);
    case 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD':
      return decodeStreaming(req, accessKeyId!, chain, false);
    case 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER':
      return decodeStreaming(req, accessKeyId!, chain, true);
    default:
      if (!/^[0-9a-f]{64}$/.test(contentSha))
        return refuse(
          400,
          'InvalidArgument',
          `x-amz-content-sha256 must be a hex SHA-256 or a STREAMING-* value`,
        );
      if (sha256(req.body) !== contentSha)
        return refuse(
          400,
          'XAmzContentSHA256Mismatch',
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
        );
      return { accessKeyId: accessKeyId!, payload: req.body, trailers: {} };
  }
}

interface Chain {
  signingKey: Buffer;
  amzDate: string;
  scope: string;
  previous: string;
}

/** decodeStreaming reads an aws-chunked body: `hex-size[;chunk-signature=sig]\r\n data \r\n` …, a 0 chunk, trailers. */
function decodeStreaming(
  req: SignedRequest,
  accessKeyId: string,
  chain: Chain | null,
  withTrailer: boolean,
): VerifiedRequest | S3Refusal {
  const encoding = header(req.headers, 'content-encoding') ?? '';
  if (
    !encoding
      .split(',')
      .map((s) => s.trim())
      .includes('aws-chunked')
  )
    return refuse(400, 'InvalidArgument', 'a STREAMING-* payload needs Content-Encoding: aws-chunked');
  const decodedLength = Number(header(req.headers, 'x-amz-decoded-content-length'));
  if (!Number.isInteger(decodedLength) || decodedLength < 0)
    return refuse(411, 'MissingContentLength', 'x-amz-decoded-content-length is required with aws-chunked');
  const body = req.body;
  const parts: Buffer[] = [];
  let pos = 0;
  const line = (): string | null => {
    const end = body.indexOf('\r\n', pos);
    if (end < 0) return null;
    const text = body.subarray(pos, end).toString('latin1');
    pos = end + 2;
    return text;
  };
  for (;;) {
    const head = line();
    const hm = head === null ? null : /^([0-9a-fA-F]+)(?:;chunk-signature=([0-9a-f]{64}))?$/.exec(head);
    if (!hm) return refuse(400, 'IncompleteBody', `malformed aws-chunked chunk header at byte ${pos}`);
    const size = parseInt(hm[1]!, 16);
    if ((chain !== null) !== (hm[2] !== undefined))
      return refuse(
        403,
        'SignatureDoesNotMatch',
        'chunk signatures must be present exactly when the payload is signed',
      );
    if (pos + size > body.length) return refuse(400, 'IncompleteBody', 'a chunk is longer than the body');
    const data = body.subarray(pos, pos + size);
    pos += size;
    if (chain) {
      const toSign = [
        'AWS4-HMAC-SHA256-PAYLOAD',
        chain.amzDate,
        chain.scope,
        chain.previous,
        EMPTY_SHA256,
        sha256(data),
      ].join('\n');
      const expected = hmac(chain.signingKey, toSign).toString('hex');
      if (expected !== hm[2])
        return refuse(403, 'SignatureDoesNotMatch', `chunk signature mismatch at byte ${pos - size}`);
      chain.previous = expected;
    }
    if (size === 0) break;
    parts.push(data);
    if (body.subarray(pos, pos + 2).toString('latin1') !== '\r\n')
      return refuse(400, 'IncompleteBody', 'a chunk is not followed by CRLF');
    pos += 2;
  }
  const trailers: Record<string, string> = {};
  for (;;) {
    const t = line();
    if (t === null)
      return refuse(400, 'IncompleteBody', 'the aws-chunked body does not end with an empty line');
    if (t === '') break;
    const colon = t.indexOf(':');
    if (colon < 1) return refuse(400, 'MalformedTrailerError', `malformed trailer ${t}`);
    trailers[t.slice(0, colon).trim().toLowerCase()] = t.slice(colon + 1).trim();
  }
  if (pos !== body.length)
    return refuse(400, 'IncompleteBody', 'bytes after the end of the aws-chunked body');

  const declared = (header(req.headers, 'x-amz-trailer') ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (!withTrailer && declared.length > 0)
    return refuse(400, 'InvalidRequest', 'x-amz-trailer needs a STREAMING-*-TRAILER payload');
  if (withTrailer) {
    for (const name of declared)
      if (trailers[name] === undefined)
        return refuse(400, 'MalformedTrailerError', `declared trailer ${name} is missing`);
    if (chain) {
      const signatureLine = trailers['x-amz-trailer-signature'];
      delete trailers['x-amz-trailer-signature'];
      const canonical = Object.entries(trailers)
        .map(([k, v]) => `${k}:${v}\n`)
        .join('');
      const toSign = [
        'AWS4-HMAC-SHA256-TRAILER',
        chain.amzDate,
        chain.scope,
        chain.previous,
        sha256(canonical),
      ].join('\n');
      if (signatureLine !== hmac(chain.signingKey, toSign).toString('hex'))
        return refuse(403, 'SignatureDoesNotMatch', 'trailer signature mismatch');
    }
    for (const name of Object.keys(trailers))
      if (!declared.includes(name)) return refuse(400, 'MalformedTrailerError', `undeclared trailer ${name}`);
  }
  const payload = Buffer.concat(parts);
  if (payload.length !== decodedLength)
    return refuse(
      400,
      'IncompleteBody',
      `decoded ${payload.length} bytes, x-amz-decoded-content-length says ${decodedLength}`,
    );
  return { accessKeyId, payload, trailers };
}
