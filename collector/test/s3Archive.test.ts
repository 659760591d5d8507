import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import net from 'node:net';
import { Readable } from 'node:stream';
import { createGzip, gunzipSync, gzipSync } from 'node:zlib';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { CompletedPart } from '@aws-sdk/client-s3';
import { ConfigError } from '@sightline/config';
import pg from 'pg';
import pino from 'pino';
import { loadCollectorConfig } from '../src/config';
import { ArchiveUploadError } from '../src/retention/ArchiveUploadError';
import { createArchive } from '../src/retention/createArchive';
import { LocalDirectoryArchive } from '../src/retention/LocalDirectoryArchive';
import { S3Archive } from '../src/retention/S3Archive';
import { partitionName } from '../src/store/PartitionManager';
import { jsonSpan, postOtlp, startTestCollector, traceRequest } from './collectorHarness';
import { FAKE_S3_CREDENTIALS, FakeS3 } from './fakes/FakeS3';

const BUCKET = 'sightline-archive';
const MIB = 1024 * 1024;
const REQUIRED = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', INTERNAL_TOKEN: 'sixteen-chars-ok' };
const WRONG_SECRET = 'not-the-secret-the-fake-knows/0123456789';
const DAY = 86_400_000;

// Every socket the process opens is noted, to show that no test asks the EC2 instance metadata service.
const connections: string[] = [];
const realConnect = net.Socket.prototype.connect;
const connectSpy = jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (
  this: net.Socket,
  ...args: unknown[]
) {
  // net.connect passes its normalised arguments as one array.
  const first: unknown = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  const target = first as { host?: string; path?: string } | number;
  connections.push(typeof target === 'object' ? String(target.host ?? target.path) : String(target));
  return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
});

let fake: FakeS3;
const open: S3Archive[] = [];
beforeEach(async () => {
  fake = new FakeS3();
  await fake.start();
});
afterEach(async () => {
  for (const a of open.splice(0)) a.close();
  await fake.stop();
});
afterAll(() => {
  connectSpy.mockRestore();
  expect(connections).toContain('127.0.0.1');
  expect(connections.filter((c) => c.startsWith('169.254.') || c.startsWith('fd00:ec2'))).toEqual([]);
});

function archive(
  settings: Partial<Parameters<typeof S3Archive.fromConfig>[0]> = {},
  deps: Parameters<typeof S3Archive.fromConfig>[1] = {},
): S3Archive {
  const a = S3Archive.fromConfig(
    { ARCHIVE_S3_BUCKET: BUCKET, ARCHIVE_S3_ENDPOINT: fake.endpoint, ...settings },
    { credentials: FAKE_S3_CREDENTIALS, ...deps },
  );
  open.push(a);
  return a;
}

/** ndjson is `bytes` of NDJSON lines with random payloads, which gzip cannot shrink by much. */
function ndjson(bytes: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${JSON.stringify({ i, payload: randomBytes(600).toString('base64') })}\n`;
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join(''));
}

/** gzipStream is the source gzip-compressed as a stream of unknown length, as the retention job produces it. */
function gzipStream(source: Buffer): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < source.length; i += 64 * 1024) chunks.push(source.subarray(i, i + 64 * 1024));
  return Readable.from(chunks).pipe(createGzip());
}

async function getObject(key: string): Promise<Buffer> {
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: fake.endpoint,
    forcePathStyle: true,
    credentials: FAKE_S3_CREDENTIALS,
  });
  try {
    const out = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from(await out.Body!.transformToByteArray());
  } finally {
    client.destroy();
  }
}

const operations = (): string[] => fake.requests.map((r) => `${r.operation} ${r.status}`);

describe('S3Archive against a fake S3 that checks the published contract', () => {
  it('stores a small gzip stream with one PutObject under the prefix, SSE-S3 and a CRC32 checksum', async () => {
    const source = ndjson(10_000);
    await archive().put('spans/2026-11-20.ndjson.gz', gzipStream(source));

    const stored = fake.object(BUCKET, 'collector/spans/2026-11-20.ndjson.gz');
    expect(stored).toMatchObject({
      serverSideEncryption: 'AES256',
      kmsKeyId: undefined,
      contentType: 'application/gzip',
      checksum: { algorithm: 'crc32', type: 'FULL_OBJECT' },
      parts: 0,
    });
    expect(gunzipSync(await getObject('collector/spans/2026-11-20.ndjson.gz')).equals(source)).toBe(true);
    expect(operations()).toEqual(['PutObject 200', 'GetObject 200']);
    expect(fake.violations).toEqual([]);
  });

  it('uploads a gzip stream over 8 MiB as a multipart upload of 8 MiB parts, and the bytes read back equal the source', async () => {
    const source = ndjson(14 * MIB);
    await archive().put('logs/2026-11-20.ndjson.gz', gzipStream(source));

    const stored = fake.object(BUCKET, 'collector/logs/2026-11-20.ndjson.gz')!;
    expect(stored.parts).toBe(2);
    expect(stored.checksum).toMatchObject({ algorithm: 'crc32', type: 'COMPOSITE' });
    expect(stored.serverSideEncryption).toBe('AES256');
    const parts = fake.requests.filter((r) => r.operation === 'UploadPart');
    expect(parts.map((p) => p.bytes).sort((a, b) => b - a)[0]).toBe(S3Archive.PART_SIZE);
    expect(operations()).toEqual([
      'CreateMultipartUpload 200',
      'UploadPart 200',
      'UploadPart 200',
      'CompleteMultipartUpload 200',
    ]);
    expect(gunzipSync(await getObject('collector/logs/2026-11-20.ndjson.gz')).equals(source)).toBe(true);
    expect(fake.violations).toEqual([]);
    expect(fake.openUploads).toBe(0);
  });

  it('encrypts with SSE-KMS under the configured key when ARCHIVE_S3_KMS_KEY_ID is set', async () => {
    const keyId = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    await fake.stop();
    fake = new FakeS3({ expectKmsKeyId: keyId });
    await fake.start();
    await archive({ ARCHIVE_S3_KMS_KEY_ID: keyId }).put(
      'spans/2026-11-21.ndjson.gz',
      gzipStream(ndjson(1000)),
    );
    expect(fake.object(BUCKET, 'collector/spans/2026-11-21.ndjson.gz')).toMatchObject({
      serverSideEncryption: 'aws:kms',
      kmsKeyId: keyId,
    });
    expect(fake.violations).toEqual([]);
  });

  it('retries a 503 SlowDown on a part and still completes the upload with every byte', async () => {
    fake.failNext(1, {
      status: 503,
      code: 'SlowDown',
      message: 'Please reduce your request rate.',
      operation: 'UploadPart',
    });
    const source = ndjson(14 * MIB);
    await archive().put('spans/2026-11-22.ndjson.gz', gzipStream(source));

    const parts = fake.requests.filter((r) => r.operation === 'UploadPart');
    expect(parts.map((p) => p.status).sort()).toEqual([200, 200, 503]);
    expect(parts.some((p) => p.status === 200 && p.attempt?.startsWith('attempt=2'))).toBe(true);
    expect(gunzipSync(await getObject('collector/spans/2026-11-22.ndjson.gz')).equals(source)).toBe(true);
    expect(fake.violations).toEqual([]);
  });

  it('rejects put and aborts the upload when CompleteMultipartUpload keeps answering 200 with an error body', async () => {
    fake.failNext(3, {
      status: 200,
      code: 'InternalError',
      message: 'We encountered an internal error. Please try again.',
      operation: 'CompleteMultipartUpload',
    });
    const put = archive().put('spans/2026-11-23.ndjson.gz', gzipStream(ndjson(14 * MIB)));

    await expect(put).rejects.toMatchObject({ name: 'ArchiveUploadError', code: 'InternalError' });
    expect(fake.object(BUCKET, 'collector/spans/2026-11-23.ndjson.gz')).toBeUndefined();
    expect(fake.aborted).toHaveLength(1);
    expect(fake.openUploads).toBe(0);
    expect(operations().filter((o) => o.startsWith('Complete'))).toHaveLength(3);
    expect(fake.violations).toEqual([]);
  });

  it('rejects put and aborts the multipart upload when the source stream fails part-way', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield randomBytes(9 * MIB);
      throw new Error('COPY failed: canceling statement due to user request');
    }
    await expect(
      archive().put('spans/2026-11-23.ndjson.gz', Readable.from(failing())),
    ).rejects.toBeInstanceOf(ArchiveUploadError);
    expect(fake.keys(BUCKET)).toEqual([]);
    expect(fake.aborted).toHaveLength(1);
    expect(fake.openUploads).toBe(0);
    expect(operations()).not.toContain('CompleteMultipartUpload 200');
    expect(fake.violations).toEqual([]);
  });

  it('rejects put with a 403 when the secret is wrong, with an error that carries no credentials', async () => {
    const body = gzipStream(ndjson(1000));
    const put = archive({}, { credentials: { ...FAKE_S3_CREDENTIALS, secretAccessKey: WRONG_SECRET } }).put(
      'spans/2026-11-24.ndjson.gz',
      body,
    );

    const err = (await put.catch((e: unknown) => e)) as ArchiveUploadError;
    expect(err).toBeInstanceOf(ArchiveUploadError);
    expect(err).toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 403 });
    // S3's own error body echoes the access key id and the string to sign; none of it reaches a log line.
    const logged = JSON.stringify(pino.stdSerializers.err(err));
    for (const secretish of [FAKE_S3_CREDENTIALS.accessKeyId, WRONG_SECRET, 'AWS4-HMAC-SHA256'])
      expect(logged).not.toContain(secretish);
    expect(body.destroyed).toBe(true);
    expect(fake.keys(BUCKET)).toEqual([]);
    expect(fake.violations).toEqual([expect.stringContaining('SignatureDoesNotMatch')]);
    expect(operations()).toEqual(['PutObject 403']);
  });

  it('rejects put when the store accepts the connection but never answers', async () => {
    fake.hangNext(2, 'PutObject');
    const put = archive({}, { socketTimeoutMs: 300, maxAttempts: 2 }).put(
      'spans/2026-11-25.ndjson.gz',
      gzipStream(ndjson(1000)),
    );
    await expect(put).rejects.toMatchObject({ name: 'ArchiveUploadError', code: 'TimeoutError' });
    expect(operations()).toEqual(['PutObject hung', 'PutObject hung']);
  });

  it('refuses a key that climbs out of the prefix without sending anything', async () => {
    await expect(archive().put('../spans/x.ndjson.gz', Readable.from([]))).rejects.toBeInstanceOf(
      ArchiveUploadError,
    );
    expect(fake.requests).toEqual([]);
  });
});

describe('the fake S3 holds requests to the published contract', () => {
  const sdk = (): S3Client =>
    new S3Client({
      region: 'us-east-1',
      endpoint: fake.endpoint,
      forcePathStyle: true,
      credentials: FAKE_S3_CREDENTIALS,
    });

  it('accepts the signed aws-chunked PUT example of the S3 documentation, and refuses it with one byte changed', async () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html, "Example: PUT Object".
    await fake.stop();
    fake = new FakeS3({
      buckets: ['examplebucket'],
      credentials: { AKIAIOSFODNN7EXAMPLE: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      now: () => Date.UTC(2013, 4, 24, 0, 5),
      requireEncryption: false,
      requireChecksums: false,
    });
    await fake.start();
    const body = Buffer.concat([
      Buffer.from(
        '10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n',
      ),
      Buffer.alloc(65536, 'a'),
      Buffer.from(
        '\r\n400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n',
      ),
      Buffer.alloc(1024, 'a'),
      Buffer.from(
        '\r\n0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n',
      ),
    ]);
    const headers = {
      host: 's3.amazonaws.com',
      'x-amz-date': '20130524T000000Z',
      'x-amz-storage-class': 'REDUCED_REDUNDANCY',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': '66560',
      'content-length': String(body.length),
    };
    expect(body.length).toBe(66824);
    const send = (payload: Buffer): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: fake.port,
            method: 'PUT',
            path: '/examplebucket/chunkObject.txt',
            headers,
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(payload);
      });

    expect(await send(body)).toBe(200);
    expect(fake.object('examplebucket', 'chunkObject.txt')?.body.equals(Buffer.alloc(66560, 'a'))).toBe(true);
    expect(fake.violations).toEqual([]);

    const tampered = Buffer.from(body);
    tampered[66_000] = 'b'.charCodeAt(0);
    expect(await send(tampered)).toBe(403);
    expect(fake.violations).toEqual([
      expect.stringContaining('SignatureDoesNotMatch: chunk signature mismatch'),
    ]);
  });

  it("decodes the SDK's unsigned aws-chunked body and checks its CRC32 trailer", async () => {
    const client = sdk();
    try {
      await client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'chunked/a b+ü (1).txt',
          Body: Readable.from([Buffer.from('hello '), Buffer.from('world')]),
          ContentLength: 11,
          ServerSideEncryption: 'AES256',
          ChecksumAlgorithm: 'CRC32',
        }),
      );
    } finally {
      client.destroy();
    }
    expect(fake.object(BUCKET, 'chunked/a b+ü (1).txt')?.body.toString()).toBe('hello world');
    expect(fake.violations).toEqual([]);
  });

  it('refuses to complete with a small part before the last, parts out of order, or a wrong ETag', async () => {
    const client = sdk();
    try {
      const { UploadId } = await client.send(
        new CreateMultipartUploadCommand({
          Bucket: BUCKET,
          Key: 'mpu/bad',
          ServerSideEncryption: 'AES256',
          ChecksumAlgorithm: 'CRC32',
        }),
      );
      const parts: CompletedPart[] = [];
      for (const PartNumber of [1, 2]) {
        const out = await client.send(
          new UploadPartCommand({
            Bucket: BUCKET,
            Key: 'mpu/bad',
            UploadId,
            PartNumber,
            Body: Buffer.alloc(1024, PartNumber),
            ChecksumAlgorithm: 'CRC32',
          }),
        );
        parts.push({ PartNumber, ETag: out.ETag, ChecksumCRC32: out.ChecksumCRC32 });
      }
      const complete = (Parts: typeof parts) =>
        client.send(
          new CompleteMultipartUploadCommand({
            Bucket: BUCKET,
            Key: 'mpu/bad',
            UploadId,
            MultipartUpload: { Parts },
          }),
        );
      await expect(complete(parts)).rejects.toMatchObject({ name: 'EntityTooSmall' });
      await expect(complete([parts[1]!, parts[0]!])).rejects.toMatchObject({ name: 'InvalidPartOrder' });
      await expect(complete([{ ...parts[0]!, ETag: '"0123"' }])).rejects.toMatchObject({
        name: 'InvalidPart',
      });
    } finally {
      client.destroy();
    }
    expect(fake.violations.map((v) => v.split(': ')[1])).toEqual([
      'EntityTooSmall',
      'InvalidPartOrder',
      'InvalidPart',
    ]);
  });

  it('refuses a request signed more than 15 minutes away from its clock', async () => {
    await fake.stop();
    fake = new FakeS3({ now: () => Date.now() + 20 * 60_000 });
    await fake.start();
    await expect(archive().put('spans/2026-11-26.ndjson.gz', gzipStream(ndjson(100)))).rejects.toMatchObject({
      code: 'RequestTimeTooSkewed',
    });
    expect(fake.violations[0]).toContain('RequestTimeTooSkewed');
  });
});

describe('the archive registry', () => {
  it('picks S3 when ARCHIVE_S3_BUCKET is set, and the local folder otherwise', () => {
    const s3 = createArchive(loadCollectorConfig({ ...REQUIRED, ARCHIVE_S3_BUCKET: BUCKET }));
    expect(s3).toBeInstanceOf(S3Archive);
    (s3 as S3Archive).close();
    expect(createArchive(loadCollectorConfig(REQUIRED))).toBeInstanceOf(LocalDirectoryArchive);
  });

  it('stores under ARCHIVE_S3_PREFIX when it is set', async () => {
    const config = loadCollectorConfig({
      ...REQUIRED,
      ARCHIVE_S3_BUCKET: BUCKET,
      ARCHIVE_S3_ENDPOINT: fake.endpoint,
      ARCHIVE_S3_PREFIX: 'archives/sightline/',
      ARCHIVE_S3_REGION: 'us-east-1',
    });
    const a = createArchive(config, { credentials: FAKE_S3_CREDENTIALS }) as S3Archive;
    open.push(a);
    await a.put('spans/2026-11-20.ndjson.gz', Readable.from([gzipSync('{}\n')]));
    expect(fake.keys(BUCKET)).toEqual(['archives/sightline/spans/2026-11-20.ndjson.gz']);
  });

  it.each([
    ['ARCHIVE_S3_ENDPOINT', { ARCHIVE_S3_BUCKET: BUCKET, ARCHIVE_S3_ENDPOINT: 'ftp://minio.local:9000' }],
    ['ARCHIVE_S3_ENDPOINT', { ARCHIVE_S3_BUCKET: BUCKET, ARCHIVE_S3_ENDPOINT: 'not a url' }],
    ['ARCHIVE_S3_BUCKET', { ARCHIVE_S3_BUCKET: 'Not_A_Bucket' }],
    ['ARCHIVE_S3_PREFIX', { ARCHIVE_S3_BUCKET: BUCKET, ARCHIVE_S3_PREFIX: '/absolute/' }],
    ['ARCHIVE_S3_REGION', { ARCHIVE_S3_BUCKET: BUCKET, ARCHIVE_S3_REGION: 'EU West' }],
    ['ARCHIVE_S3_KMS_KEY_ID', { ARCHIVE_S3_BUCKET: BUCKET, ARCHIVE_S3_KMS_KEY_ID: 'key with spaces' }],
    ['ARCHIVE_S3_BUCKET', { ARCHIVE_S3_KMS_KEY_ID: 'alias/sightline-archive' }],
  ])('stops with a config error naming %s when it is invalid or missing', (variable, env) => {
    expect(() => loadCollectorConfig({ ...REQUIRED, ...env })).toThrow(ConfigError);
    expect(() => loadCollectorConfig({ ...REQUIRED, ...env })).toThrow(new RegExp(`^${variable}:`));
  });

  it('refuses an ARCHIVE_S3_ENDPOINT with credentials in it, without repeating them', () => {
    const attempt = () =>
      loadCollectorConfig({
        ...REQUIRED,
        ARCHIVE_S3_BUCKET: BUCKET,
        ARCHIVE_S3_ENDPOINT: 'https://minio:hunter2@s3.local',
      });
    expect(attempt).toThrow(/^ARCHIVE_S3_ENDPOINT: must not carry credentials$/);
  });
});

describe('the retention job with the S3 archive', () => {
  it('keeps the expired partitions while S3 refuses the upload, and archives then drops them once it accepts', async () => {
    // Credentials that expire at once are fetched again for every request, the way IRSA rotates them.
    let secret = WRONG_SECRET;
    const c = await startTestCollector(
      { RETENTION_DAYS: 2, ARCHIVE_S3_BUCKET: BUCKET, ARCHIVE_S3_ENDPOINT: fake.endpoint },
      {
        archive: {
          credentials: () =>
            Promise.resolve({
              accessKeyId: FAKE_S3_CREDENTIALS.accessKeyId,
              secretAccessKey: secret,
              expiration: new Date(),
            }),
        },
      },
    );
    const db = new pg.Client({ connectionString: c.db.url });
    db.on('error', () => undefined);
    await db.connect();
    const partitions = async (): Promise<string[]> =>
      (
        await db.query<{ relname: string }>(
          `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'spans' ORDER BY 1`,
        )
      ).rows.map((r) => r.relname);
    try {
      // Only the passes started below run: no timer, and the start-up pass is over.
      await c.handle.retention.stop();
      const today = new Date();
      const span = jsonSpan({
        traceId: 'd'.repeat(32),
        spanId: 'e'.repeat(16),
        startMs: Date.now(),
        durationMs: 1,
      });
      const res = await postOtlp(c.base, 'traces', JSON.stringify(traceRequest('svc', [span])), {
        'content-type': 'application/json',
      });
      expect(res.status).toBe(200);
      const later = new Date(Date.now() + 3 * DAY);

      await c.handle.retention.run(later);
      expect(await partitions()).toContain(partitionName('spans', today));
      expect(
        (await db.query(`SELECT 1 FROM collector.spans WHERE span_id = $1`, ['e'.repeat(16)])).rowCount,
      ).toBe(1);
      expect(fake.keys(BUCKET)).toEqual([]);
      // The pass stops at its first refusal: one request, one violation, nothing dropped.
      expect(fake.violations).toEqual([expect.stringContaining('SignatureDoesNotMatch')]);

      secret = FAKE_S3_CREDENTIALS.secretAccessKey;
      await c.handle.retention.run(later);
      expect(await partitions()).not.toContain(partitionName('spans', today));
      const day = today.toISOString().slice(0, 10);
      const archived = gunzipSync(await getObject(`collector/spans/${day}.ndjson.gz`))
        .toString('utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { span_id: string });
      expect(archived).toEqual([expect.objectContaining({ span_id: 'e'.repeat(16) })]);
      expect(fake.keys(BUCKET)).toEqual(
        expect.arrayContaining([
          `collector/logs/${day}.ndjson.gz`,
          `collector/metric_points/${day}.ndjson.gz`,
          `collector/spans/${day}.ndjson.gz`,
        ]),
      );
      expect(fake.object(BUCKET, `collector/spans/${day}.ndjson.gz`)?.serverSideEncryption).toBe('AES256');
      expect(fake.violations).toHaveLength(1);
    } finally {
      await db.end();
      await c.close();
    }
  });
});
