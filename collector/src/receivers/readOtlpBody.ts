import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { OtlpRequestError } from './OtlpRequestError';

const gunzipAsync = promisify(gunzip);

/** OtlpFormat is the wire format of an OTLP/HTTP request, and so of its response. */
export type OtlpFormat = 'json' | 'protobuf';

/** formatOf maps a Content-Type header to an OTLP format; anything else is a 415. */
export function formatOf(contentType: string | undefined): OtlpFormat {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'application/x-protobuf') return 'protobuf';
  throw new OtlpRequestError(
    415,
    'unsupported_media_type',
    `unsupported content type "${mediaType.slice(0, 100)}"; use application/json or application/x-protobuf`,
  );
}

/**
 * readOtlpBody reads the request body, refusing more than maxBytes on the wire or after gunzip.
 * The decompressed size is capped inside zlib, so a gzip bomb stops at maxBytes instead of filling memory.
 */
export async function readOtlpBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'identity') {
    throw new OtlpRequestError(
      415,
      'unsupported_media_type',
      `unsupported content encoding "${encoding.slice(0, 100)}"; use gzip or none`,
    );
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new OtlpRequestError(
      413,
      'too_large',
      `request body of ${declared} bytes exceeds the limit of ${maxBytes} bytes`,
    );
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > maxBytes)
      throw new OtlpRequestError(413, 'too_large', `request body exceeds the limit of ${maxBytes} bytes`);
    chunks.push(buf);
  }
  const raw = Buffer.concat(chunks, total);
  if (encoding === 'identity') return raw;
  try {
    return await gunzipAsync(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new OtlpRequestError(
        413,
        'too_large',
        `decompressed body exceeds the limit of ${maxBytes} bytes`,
        { cause: err },
      );
    }
    throw new OtlpRequestError(400, 'malformed', 'body is not valid gzip', { cause: err });
  }
}
