import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import type { S3Refusal } from './verifySigV4';
import { verifySigV4 } from './verifySigV4';

/** S3Operation is one of the S3 REST operations the fake implements. */
export type S3Operation =
  | 'PutObject'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'
  | 'GetObject';

/** StoredObject is an object the fake holds, with what it was stored with. */
export interface StoredObject {
  body: Buffer;
  etag: string;
  contentType: string | undefined;
  serverSideEncryption: string | undefined;
  kmsKeyId: string | undefined;
  checksum: { algorithm: string; value: string; type: 'FULL_OBJECT' | 'COMPOSITE' } | undefined;
  /** 0 for PutObject, else the number of parts it was completed from. */
  parts: number;
}

/** FakeS3Options say which buckets exist, whose keys sign, and what the bucket's policy demands. */
export interface FakeS3Options {
  buckets?: string[];
  /** Access key id → secret access key. */
  credentials?: Record<string, string>;
  region?: string;
  /** The fake's clock, for x-amz-date. */
  now?: () => number;
  /** Refuse (403, as a bucket policy would) a PutObject or CreateMultipartUpload without SSE; default true. */
  requireEncryption?: boolean;
  /** Refuse an upload not encrypted with SSE-KMS under this key. */
  expectKmsKeyId?: string;
  /** Refuse an upload whose body carries no checksum, or a multipart upload without an algorithm; default true. */
  requireChecksums?: boolean;
}

/** ScriptedFailure is an answer the fake gives instead of doing the work, to play throttling or outages. */
export interface ScriptedFailure {
  status: number;
  code: string;
  message?: string;
  /** Only requests of this operation are failed (and counted); any operation when absent. */
  operation?: S3Operation;
}

/** RecordedRequest is one request the fake answered (or left hanging). */
export interface RecordedRequest {
  operation: S3Operation | 'Unknown';
  key: string;
  status: number | 'hung';
  /** The SDK's `amz-sdk-request` header (`attempt=2; max=3`), which shows retries. */
  attempt: string | undefined;
  /** The body's length as sent. */
  bytes: number;
}

interface MultipartUpload {
  bucket: string;
  key: string;
  contentType: string | undefined;
  serverSideEncryption: string | undefined;
  kmsKeyId: string | undefined;
  algorithm: string | undefined;
  checksumType: 'FULL_OBJECT' | 'COMPOSITE';
  parts: Map<number, { data: Buffer; etag: string; checksum: string | undefined }>;
}

const MIB = 1024 * 1024;
const DIGESTS: Record<string, (data: Buffer) => Buffer> = {
  crc32: (data) => {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(crc32(data));
    return out;
  },
  sha1: (data) => createHash('sha1').update(data).digest(),
  sha256: (data) => createHash('sha256').update(data).digest(),
};
const NOT_CHECKSUMS = new Set(['x-amz-checksum-algorithm', 'x-amz-checksum-type', 'x-amz-checksum-mode']);

/** FAKE_S3_CREDENTIALS are the keys a FakeS3 accepts unless told otherwise. */
export const FAKE_S3_CREDENTIALS = {
  accessKeyId: 'AKIAFAKES3ARCHIVE001',
  secretAccessKey: 'fake/s3+secret/for-the-collector-tests',
} as const;

/**
 * FakeS3 is S3's REST API as far as the archive uses it, path-style: PutObject, CreateMultipartUpload, UploadPart,
 * CompleteMultipartUpload, AbortMultipartUpload and GetObject. It checks every request against the published
 * contract (Signature V4 recomputed with the secret, x-amz-content-sha256 and aws-chunked bodies, x-amz-date skew,
 * checksums, parts of at least 5 MiB but the last, parts completed in order with their ETags and checksums) and
 * the bucket's policy (SSE, checksums). Each refusal is answered as S3 answers it and kept in `violations`.
 */
export class FakeS3 {
  readonly violations: string[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Upload ids that were aborted. */
  readonly aborted: string[] = [];
  port = 0;
  private server: Server | null = null;
  private readonly objects = new Map<string, StoredObject>();
  private readonly uploads = new Map<string, MultipartUpload>();
  private readonly script: (ScriptedFailure | { hang: true; operation?: S3Operation })[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private readonly buckets: Set<string>;

  constructor(private readonly options: FakeS3Options = {}) {
    this.buckets = new Set(options.buckets ?? ['sightline-archive']);
  }

  /** start listens on a free port of 127.0.0.1. */
  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** stop ends hanging requests and closes every connection. */
  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** endpoint is the URL to give the S3 client (with path-style addressing). */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** failNext answers the next `count` matching requests with the failure instead of doing them. */
  failNext(count: number, failure: ScriptedFailure): void {
    for (let i = 0; i < count; i++) this.script.push(failure);
  }

  /** hangNext never answers the next `count` matching requests (until stop). */
  hangNext(count: number, operation?: S3Operation): void {
    for (let i = 0; i < count; i++) this.script.push(operation ? { hang: true, operation } : { hang: true });
  }

  /** object returns a stored object, or undefined. */
  object(bucket: string, key: string): StoredObject | undefined {
    return this.objects.get(`${bucket}/${key}`);
  }

  /** keys lists the stored keys of a bucket, sorted. */
  keys(bucket: string): string[] {
    return [...this.objects.keys()]
      .filter((k) => k.startsWith(`${bucket}/`))
      .map((k) => k.slice(bucket.length + 1))
      .sort();
  }

  /** openUploads is the number of multipart uploads neither completed nor aborted. */
  get openUploads(): number {
    return this.uploads.size;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const rawPath = q < 0 ? raw : raw.slice(0, q);
    const rawQuery = q < 0 ? '' : raw.slice(q + 1);
    const query = new URLSearchParams(rawQuery);
    const slash = rawPath.indexOf('/', 1);
    const bucket = decodeURIComponent(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash));
    const key = slash < 0 ? '' : decodeURIComponent(rawPath.slice(slash + 1));
    const operation = classify(req.method ?? '', query, key);
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const record = (status: number | 'hung'): void => {
      this.requests.push({
        operation,
        key,
        status,
        attempt: one(req.headers, 'amz-sdk-request'),
        bytes: body.length,
      });
    };
    const answer = (status: number, headers: Record<string, string>, payload?: string | Buffer): void => {
      record(status);
      res
        .writeHead(status, {
          'x-amz-request-id': requestId,
          'x-amz-id-2': randomBytes(24).toString('base64'),
          ...headers,
        })
        .end(payload);
    };
    const errorXml = (r: S3Refusal): string =>
      xml('Error', {
        Code: r.code,
        Message: r.message,
        ...r.extra,
        Resource: rawPath,
        RequestId: requestId,
      });
    const refuse = (r: S3Refusal): void => {
      this.violations.push(`${operation} ${rawPath}: ${r.code}: ${r.message}`);
      answer(r.status, { 'content-type': 'application/xml' }, errorXml(r));
    };

    if (operation === 'Unknown')
      return refuse({
        status: 501,
        code: 'NotImplemented',
        message: `the fake does not implement ${req.method} ${raw}`,
      });
    const verified = verifySigV4(
      { method: req.method ?? '', rawPath, rawQuery, headers: req.headers, body },
      {
        credentials: this.options.credentials ?? {
          [FAKE_S3_CREDENTIALS.accessKeyId]: FAKE_S3_CREDENTIALS.secretAccessKey,
        },
        region: this.options.region ?? 'us-east-1',
        now: this.options.now ?? Date.now,
      },
    );
    if ('code' in verified) return refuse(verified);
    if (!this.buckets.has(bucket))
      return refuse({
        status: 404,
        code: 'NoSuchBucket',
        message: `The specified bucket does not exist: ${bucket}`,
      });
    const headers = { ...req.headers, ...verified.trailers };
    const checksum = payloadChecksum(headers, verified.payload);
    if (checksum && 'code' in checksum) return refuse(checksum);
    const md5 = one(req.headers, 'content-md5');
    if (md5 !== undefined && createHash('md5').update(verified.payload).digest('base64') !== md5)
      return refuse({
        status: 400,
        code: 'BadDigest',
        message: 'The Content-MD5 you specified did not match what we received.',
      });

    const scripted = this.script.findIndex((s) => s.operation === undefined || s.operation === operation);
    if (scripted >= 0) {
      const [s] = this.script.splice(scripted, 1);
      if ('hang' in s!) {
        record('hung');
        this.hanging.add(res);
        return;
      }
      // S3 documents that CompleteMultipartUpload may fail after a 200 status line, with an <Error> body.
      return answer(
        s!.status,
        { 'content-type': 'application/xml' },
        errorXml({ ...s!, message: s!.message ?? s!.code }),
      );
    }

    const ctx = { bucket, key, headers, payload: verified.payload, query, checksum, rawPath };
    const outcome = this.perform(operation, ctx);
    if ('code' in outcome) return refuse(outcome);
    answer(outcome.status, outcome.headers, outcome.body);
  }

  private perform(
    operation: S3Operation,
    ctx: {
      bucket: string;
      key: string;
      headers: IncomingHttpHeaders;
      payload: Buffer;
      query: URLSearchParams;
      checksum: { algorithm: string; value: string } | null;
      rawPath: string;
    },
  ): S3Refusal | { status: number; headers: Record<string, string>; body?: string | Buffer } {
    const { bucket, key, headers, payload, query, checksum } = ctx;
    const requireChecksums = this.options.requireChecksums ?? true;
    switch (operation) {
      case 'PutObject': {
        const sse = this.encryption(headers);
        if ('code' in sse) return sse;
        if (requireChecksums && !checksum)
          return {
            status: 400,
            code: 'InvalidRequest',
            message: 'the bucket policy wants a checksum on every upload',
          };
        const object: StoredObject = {
          body: payload,
          etag: `"${createHash('md5').update(payload).digest('hex')}"`,
          contentType: one(headers, 'content-type'),
          ...sse,
          checksum: checksum ? { ...checksum, type: 'FULL_OBJECT' } : undefined,
          parts: 0,
        };
        this.objects.set(`${bucket}/${key}`, object);
        return {
          status: 200,
          headers: { etag: object.etag, ...sseHeaders(object), ...checksumHeaders(object.checksum) },
        };
      }
      case 'CreateMultipartUpload': {
        const sse = this.encryption(headers);
        if ('code' in sse) return sse;
        const algorithm = one(headers, 'x-amz-checksum-algorithm')?.toLowerCase();
        if (algorithm !== undefined && !DIGESTS[algorithm])
          return {
            status: 400,
            code: 'InvalidRequest',
            message: `the fake cannot verify ${algorithm} checksums`,
          };
        if (requireChecksums && algorithm === undefined)
          return {
            status: 400,
            code: 'InvalidRequest',
            message: 'the bucket policy wants a checksum algorithm',
          };
        const type = one(headers, 'x-amz-checksum-type') ?? 'COMPOSITE';
        if (type !== 'COMPOSITE' && type !== 'FULL_OBJECT')
          return { status: 400, code: 'InvalidRequest', message: `unknown x-amz-checksum-type ${type}` };
        const uploadId = randomBytes(24).toString('base64url');
        this.uploads.set(uploadId, {
          bucket,
          key,
          contentType: one(headers, 'content-type'),
          ...sse,
          algorithm,
          checksumType: type,
          parts: new Map(),
        });
        return {
          status: 200,
          headers: {
            'content-type': 'application/xml',
            ...sseHeaders(sse),
            ...(algorithm
              ? { 'x-amz-checksum-algorithm': algorithm.toUpperCase(), 'x-amz-checksum-type': type }
              : {}),
          },
          body: xml('InitiateMultipartUploadResult', { Bucket: bucket, Key: key, UploadId: uploadId }),
        };
      }
      case 'UploadPart': {
        const upload = this.upload(query, bucket, key);
        if ('code' in upload) return upload;
        const partNumber = Number(query.get('partNumber'));
        if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000)
          return {
            status: 400,
            code: 'InvalidArgument',
            message: 'Part number must be an integer between 1 and 10000',
          };
        if (upload.algorithm !== undefined && checksum?.algorithm !== upload.algorithm)
          return {
            status: 400,
            code: 'InvalidRequest',
            message: `Checksum Type mismatch occurred, expected checksum Type: ${upload.algorithm}, actual checksum Type: ${checksum?.algorithm ?? 'null'}`,
          };
        if (requireChecksums && !checksum)
          return {
            status: 400,
            code: 'InvalidRequest',
            message: 'the bucket policy wants a checksum on every part',
          };
        const etag = `"${createHash('md5').update(payload).digest('hex')}"`;
        upload.parts.set(partNumber, { data: payload, etag, checksum: checksum?.value });
        return {
          status: 200,
          headers: {
            etag,
            ...sseHeaders(upload),
            ...(checksum ? { [`x-amz-checksum-${checksum.algorithm}`]: checksum.value } : {}),
          },
        };
      }
      case 'CompleteMultipartUpload':
        return this.complete(ctx);
      case 'AbortMultipartUpload': {
        const upload = this.upload(query, bucket, key);
        if ('code' in upload) return upload;
        this.uploads.delete(query.get('uploadId')!);
        this.aborted.push(query.get('uploadId')!);
        return { status: 204, headers: {} };
      }
      case 'GetObject': {
        const object = this.objects.get(`${bucket}/${key}`);
        if (!object) return { status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' };
        const wantChecksum = one(headers, 'x-amz-checksum-mode') === 'ENABLED';
        return {
          status: 200,
          headers: {
            'content-type': object.contentType ?? 'binary/octet-stream',
            'content-length': String(object.body.length),
            etag: object.etag,
            'accept-ranges': 'bytes',
            ...sseHeaders(object),
            ...(wantChecksum ? checksumHeaders(object.checksum) : {}),
          },
          body: object.body,
        };
      }
    }
  }

  private complete(ctx: {
    bucket: string;
    key: string;
    payload: Buffer;
    query: URLSearchParams;
    rawPath: string;
  }): S3Refusal | { status: number; headers: Record<string, string>; body: string } {
    const { bucket, key, payload, query } = ctx;
    const upload = this.upload(query, bucket, key);
    if ('code' in upload) return upload;
    const text = payload.toString('utf8');
    if (!/^(<\?xml[^>]*\?>\s*)?<CompleteMultipartUpload[\s>]/.test(text))
      return { status: 400, code: 'MalformedXML', message: 'The XML you provided was not well-formed' };
    const listed = [...text.matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map((m) => ({
      partNumber: Number(element(m[1]!, 'PartNumber')),
      etag: unescapeXml(element(m[1]!, 'ETag') ?? ''),
      checksum: upload.algorithm ? element(m[1]!, `Checksum${upload.algorithm.toUpperCase()}`) : undefined,
    }));
    if (listed.length === 0)
      return { status: 400, code: 'MalformedXML', message: 'The XML you provided was not well-formed' };
    const chosen: Buffer[] = [];
    const digests: Buffer[] = [];
    const checksums: Buffer[] = [];
    if (listed.some((p, i) => i > 0 && p.partNumber <= listed[i - 1]!.partNumber))
      return {
        status: 400,
        code: 'InvalidPartOrder',
        message: 'The list of parts was not in ascending order.',
      };
    for (const [i, p] of listed.entries()) {
      const part = upload.parts.get(p.partNumber);
      if (!part || part.etag.replaceAll('"', '') !== p.etag.replaceAll('"', ''))
        return {
          status: 400,
          code: 'InvalidPart',
          message: `part ${p.partNumber} was not uploaded or its ETag differs`,
        };
      if (upload.algorithm !== undefined && p.checksum !== part.checksum)
        return {
          status: 400,
          code: 'InvalidPart',
          message: `part ${p.partNumber} lists a missing or different checksum`,
        };
      if (i < listed.length - 1 && part.data.length < 5 * MIB)
        return {
          status: 400,
          code: 'EntityTooSmall',
          message: `Your proposed upload is smaller than the minimum allowed size (part ${p.partNumber})`,
        };
      chosen.push(part.data);
      digests.push(Buffer.from(part.etag.replaceAll('"', ''), 'hex'));
      if (part.checksum) checksums.push(Buffer.from(part.checksum, 'base64'));
    }
    const body = Buffer.concat(chosen);
    const n = listed.length;
    const etag = `"${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${n}"`;
    const algorithm = upload.algorithm;
    const checksum =
      algorithm === undefined
        ? undefined
        : upload.checksumType === 'FULL_OBJECT'
          ? { algorithm, value: DIGESTS[algorithm]!(body).toString('base64'), type: 'FULL_OBJECT' as const }
          : {
              algorithm,
              value: `${DIGESTS[algorithm]!(Buffer.concat(checksums)).toString('base64')}-${n}`,
              type: 'COMPOSITE' as const,
            };
    const object: StoredObject = {
      body,
      etag,
      contentType: upload.contentType,
      serverSideEncryption: upload.serverSideEncryption,
      kmsKeyId: upload.kmsKeyId,
      checksum,
      parts: n,
    };
    this.objects.set(`${bucket}/${key}`, object);
    this.uploads.delete(query.get('uploadId')!);
    return {
      status: 200,
      headers: { 'content-type': 'application/xml', ...sseHeaders(object) },
      body: xml('CompleteMultipartUploadResult', {
        Location: `${this.endpoint}${ctx.rawPath}`,
        Bucket: bucket,
        Key: key,
        ETag: etag,
        ...(checksum
          ? { [`Checksum${checksum.algorithm.toUpperCase()}`]: checksum.value, ChecksumType: checksum.type }
          : {}),
      }),
    };
  }

  private upload(query: URLSearchParams, bucket: string, key: string): MultipartUpload | S3Refusal {
    const upload = this.uploads.get(query.get('uploadId') ?? '');
    if (!upload || upload.bucket !== bucket || upload.key !== key)
      return {
        status: 404,
        code: 'NoSuchUpload',
        message:
          'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      };
    return upload;
  }

  private encryption(
    headers: IncomingHttpHeaders,
  ): S3Refusal | { serverSideEncryption: string | undefined; kmsKeyId: string | undefined } {
    const sse = one(headers, 'x-amz-server-side-encryption');
    const kmsKeyId = one(headers, 'x-amz-server-side-encryption-aws-kms-key-id');
    if (sse !== undefined && !['AES256', 'aws:kms', 'aws:kms:dsse'].includes(sse))
      return {
        status: 400,
        code: 'InvalidArgument',
        message: `The encryption method specified is not supported: ${sse}`,
      };
    if (kmsKeyId !== undefined && !sse?.startsWith('aws:kms'))
      return {
        status: 400,
        code: 'InvalidArgument',
        message: 'a KMS key id needs x-amz-server-side-encryption: aws:kms',
      };
    const bucketKey = one(headers, 'x-amz-server-side-encryption-bucket-key-enabled');
    if (bucketKey !== undefined && bucketKey !== 'true' && bucketKey !== 'false')
      return { status: 400, code: 'InvalidArgument', message: 'bucket-key-enabled must be true or false' };
    if ((this.options.requireEncryption ?? true) && sse === undefined)
      return {
        status: 403,
        code: 'AccessDenied',
        message: 'the bucket policy denies uploads without server-side encryption',
      };
    const expected = this.options.expectKmsKeyId;
    if (expected !== undefined && (sse !== 'aws:kms' || kmsKeyId !== expected))
      return {
        status: 403,
        code: 'AccessDenied',
        message: `the bucket policy wants SSE-KMS with ${expected}`,
      };
    return { serverSideEncryption: sse, kmsKeyId };
  }
}

function classify(method: string, query: URLSearchParams, key: string): S3Operation | 'Unknown' {
  if (key === '') return 'Unknown';
  if (method === 'GET' && !query.has('uploadId') && !query.has('partNumber')) return 'GetObject';
  if (method === 'PUT' && query.has('uploadId') && query.has('partNumber')) return 'UploadPart';
  if (method === 'PUT' && !query.has('uploadId') && !query.has('partNumber')) return 'PutObject';
  if (method === 'POST' && query.has('uploads')) return 'CreateMultipartUpload';
  if (method === 'POST' && query.has('uploadId')) return 'CompleteMultipartUpload';
  if (method === 'DELETE' && query.has('uploadId')) return 'AbortMultipartUpload';
  return 'Unknown';
}

/** payloadChecksum checks the one x-amz-checksum-* header or trailer a body may carry against the body. */
function payloadChecksum(
  headers: IncomingHttpHeaders,
  payload: Buffer,
): { algorithm: string; value: string } | S3Refusal | null {
  const names = Object.keys(headers).filter((h) => h.startsWith('x-amz-checksum-') && !NOT_CHECKSUMS.has(h));
  const announced = one(headers, 'x-amz-sdk-checksum-algorithm')?.toLowerCase();
  if (names.length > 1)
    return { status: 400, code: 'InvalidRequest', message: 'Expecting a single x-amz-checksum- header' };
  if (names.length === 0)
    return announced === undefined
      ? null
      : {
          status: 400,
          code: 'InvalidRequest',
          message: 'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* was found',
        };
  const algorithm = names[0]!.slice('x-amz-checksum-'.length);
  const digest = DIGESTS[algorithm];
  if (!digest)
    return { status: 400, code: 'InvalidRequest', message: `the fake cannot verify ${algorithm} checksums` };
  if (announced !== undefined && announced !== algorithm)
    return { status: 400, code: 'InvalidRequest', message: `x-amz-sdk-checksum-algorithm says ${announced}` };
  const value = one(headers, names[0]!)!;
  if (digest(payload).toString('base64') !== value)
    return {
      status: 400,
      code: 'BadDigest',
      message: `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
    };
  return { algorithm, value };
}

function sseHeaders(o: {
  serverSideEncryption: string | undefined;
  kmsKeyId: string | undefined;
}): Record<string, string> {
  return {
    ...(o.serverSideEncryption ? { 'x-amz-server-side-encryption': o.serverSideEncryption } : {}),
    ...(o.kmsKeyId ? { 'x-amz-server-side-encryption-aws-kms-key-id': o.kmsKeyId } : {}),
  };
}

function checksumHeaders(c: StoredObject['checksum']): Record<string, string> {
  return c ? { [`x-amz-checksum-${c.algorithm}`]: c.value, 'x-amz-checksum-type': c.type } : {};
}

function one(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function element(text: string, name: string): string | undefined {
  return new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(text)?.[1];
}

function escapeXml(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]!};`,
  );
}

function unescapeXml(s: string): string {
  return s.replace(
    /&(lt|gt|amp|quot|apos);/g,
    (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!,
  );
}

function xml(root: string, fields: Record<string, string>): string {
  const inner = Object.entries(fields)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('');
  const ns = root === 'Error' ? '' : ' xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${inner}</${root}>`;
}
