import type { Response } from 'express';
import { OTLP_TYPES } from '../otlp/otlpRoot';
import type { OtlpSignal } from './decodeOtlp';
import type { OtlpRequestError } from './OtlpRequestError';
import type { OtlpFormat } from './readOtlpBody';

const CONTENT_TYPE: Record<OtlpFormat, string> = {
  json: 'application/json',
  protobuf: 'application/x-protobuf',
};
const REJECTED_FIELD: Record<OtlpSignal, string> = {
  traces: 'rejectedSpans',
  logs: 'rejectedLogRecords',
  metrics: 'rejectedDataPoints',
};

/** writeOtlpSuccess answers 200 in the request's format, with partialSuccess when some records were rejected. */
export function writeOtlpSuccess(
  res: Response,
  signal: OtlpSignal,
  format: OtlpFormat,
  rejected: number,
  errorMessage: string | null,
): void {
  const partial =
    rejected > 0
      ? { partialSuccess: { [REJECTED_FIELD[signal]]: rejected, errorMessage: errorMessage ?? '' } }
      : {};
  res.status(200).type(CONTENT_TYPE[format]);
  if (format === 'json') {
    // proto3 JSON encodes int64 as a decimal string.
    const body =
      rejected > 0
        ? { partialSuccess: { [REJECTED_FIELD[signal]]: String(rejected), errorMessage: errorMessage ?? '' } }
        : {};
    res.send(JSON.stringify(body));
    return;
  }
  const type = OTLP_TYPES[signal].response;
  res.send(Buffer.from(type.encode(type.fromObject(partial)).finish()));
}

/**
 * writeOtlpError answers a refused export with a google.rpc.Status, as the OTLP/HTTP spec asks:
 * JSON `{code, message}` for JSON (and unknown) requests, the protobuf-encoded Status for protobuf ones.
 */
export function writeOtlpError(res: Response, format: OtlpFormat | null, err: OtlpRequestError): void {
  res.status(err.status);
  // A refused body may still be streaming in; closing the connection stops us from reading the rest.
  if (err.status === 413 || err.status === 429) res.set('connection', 'close');
  if (err.retryAfterSeconds !== undefined) res.set('retry-after', String(err.retryAfterSeconds));
  if (format === 'protobuf') {
    res.type(CONTENT_TYPE.protobuf).send(encodeRpcStatus(err.rpcCode, err.message));
    return;
  }
  res.type(CONTENT_TYPE.json).send(JSON.stringify({ code: err.rpcCode, message: err.message }));
}

/** encodeRpcStatus encodes google.rpc.Status {code = 1, message = 2} by hand; the OTLP root does not ship it. */
export function encodeRpcStatus(code: number, message: string): Buffer {
  const text = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from([0x08]), varint(code), Buffer.from([0x12]), varint(text.length), text]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value >>> 0;
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return Buffer.from(bytes);
}
