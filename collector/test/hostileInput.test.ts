import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { TestCollector } from './collectorHarness';
import {
  fixture,
  internalGet,
  jsonSpan,
  postOtlp,
  startTestCollector,
  toProtobuf,
  traceRequest,
} from './collectorHarness';

const JSON_HEADERS = { 'content-type': 'application/json' };
const PROTO_HEADERS = { 'content-type': 'application/x-protobuf' };
const MAX_BODY_BYTES = 64 * 1024;

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector({ MAX_BODY_BYTES });
});
afterAll(async () => {
  await c.close();
});

async function rpcStatus(res: Response): Promise<{ code: number; message: string }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as { code: number; message: string };
}

/** decodeRpcStatus reads google.rpc.Status {code = 1, message = 2} from its protobuf encoding. */
function decodeRpcStatus(bytes: Buffer): { code: number; message: string } {
  expect(bytes[0]).toBe(0x08);
  const code = bytes[1]!;
  expect(bytes[2]).toBe(0x12);
  let len = 0;
  let shift = 0;
  let i = 3;
  for (;;) {
    const b = bytes[i++]!;
    len |= (b & 0x7f) << shift;
    shift += 7;
    if (b < 0x80) break;
  }
  return { code, message: bytes.subarray(i, i + len).toString('utf8') };
}

async function stillServes(): Promise<void> {
  const ok = await postOtlp(c.base, 'traces', fixture('trace.json'), JSON_HEADERS);
  expect(ok.status).toBe(200);
}

describe('the OTLP receiver under hostile input', () => {
  it('refuses malformed JSON with 400 and a google.rpc.Status naming the problem', async () => {
    const res = await postOtlp(c.base, 'traces', '{"resourceSpans": [', JSON_HEADERS);
    expect(res.status).toBe(400);
    const status = await rpcStatus(res);
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/^malformed JSON/);
    await stillServes();
  });

  it('refuses a truncated protobuf body with 400 and a protobuf-encoded Status', async () => {
    const body = toProtobuf('traces', JSON.parse(fixture('trace.json')));
    const res = await postOtlp(c.base, 'traces', body.subarray(0, body.length - 7), PROTO_HEADERS);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    const status = decodeRpcStatus(Buffer.from(await res.arrayBuffer()));
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/^malformed protobuf/);
    await stillServes();
  });

  it.each([
    ['a JSON array as the body', '[1, 2, 3]', 'request body must be an object'],
    ['a string where resourceSpans belongs', '{"resourceSpans": "lots"}', 'resourceSpans must be an array'],
    [
      'a number where scopeSpans belongs',
      '{"resourceSpans": [{"scopeSpans": 7}]}',
      'resourceSpans[0].scopeSpans must be an array',
    ],
    [
      'an object where spans belongs',
      '{"resourceSpans": [{"scopeSpans": [{"spans": {}}]}]}',
      'resourceSpans[0].scopeSpans[0].spans must be an array',
    ],
    [
      'a string as the resource',
      '{"resourceSpans": [{"resource": "x"}]}',
      'resourceSpans[0].resource must be an object',
    ],
  ])('refuses %s with 400 and says where the wrong type is', async (_what, body, reason) => {
    const res = await postOtlp(c.base, 'traces', body, JSON_HEADERS);
    expect(res.status).toBe(400);
    expect((await rpcStatus(res)).message).toBe(reason);
  });

  it('rejects spans whose fields have the wrong types but keeps the well-formed ones', async () => {
    const traceId = '6af7651916cd43dd8448eb211c80319c';
    const good = jsonSpan({ traceId, spanId: '3000000000000001', startMs: Date.now(), durationMs: 2 });
    const bad = [
      { ...good, spanId: 42 },
      { ...good, spanId: '3000000000000003', kind: 'SERVER' },
      { ...good, spanId: '3000000000000004', startTimeUnixNano: 'yesterday' },
      { ...good, spanId: '3000000000000005', endTimeUnixNano: '1' },
      { ...good, spanId: '3000000000000006', status: { code: 9 } },
      { ...good, spanId: '3000000000000007', name: { evil: true } },
    ];
    const hostileAttributes = {
      ...good,
      spanId: '3000000000000002',
      name: 'nul\u0000byte \ud800 lone surrogate',
      attributes: [
        { key: '__proto__', value: { stringValue: 'polluted?' } },
        { key: 'big', value: { intValue: '9223372036854775807' } },
        { key: 'nan', value: { doubleValue: 'NaN' } },
        { key: 'nul', value: { stringValue: 'a\u0000b' } },
        { key: 7, value: { stringValue: 'non-string key is skipped' } },
      ],
    };
    const res = await postOtlp(
      c.base,
      'traces',
      JSON.stringify(traceRequest('svc', [good, hostileAttributes, ...bad])),
      JSON_HEADERS,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { partialSuccess: { rejectedSpans: string } };
    expect(body.partialSuccess.rejectedSpans).toBe(String(bad.length));

    const trace = await internalGet(c.base, `/internal/v1/traces/${traceId}`);
    const view = (await trace.json()) as {
      spans: { spanId: string; name: string; attributes: Record<string, unknown> }[];
    };
    expect(view.spans.map((s) => s.spanId).sort()).toEqual(['3000000000000001', '3000000000000002']);
    const hostile = view.spans.find((s) => s.spanId === '3000000000000002')!;
    expect(hostile.name).toBe('nulbyte \ufffd lone surrogate');
    expect(Object.getOwnPropertyDescriptor(hostile.attributes, '__proto__')?.value).toBe('polluted?');
    expect(hostile.attributes.big).toBe('9223372036854775807');
    expect(hostile.attributes.nan).toBe('NaN');
    expect(hostile.attributes.nul).toBe('ab');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // Found by the fuzz drill: a uint64 count over PostgreSQL's bigint failed the whole batch with a 503 (retried for ever).
  it('rejects a histogram point whose count overflows the database as that point, keeping the others', async () => {
    const now = String(BigInt(Date.now()) * 1_000_000n);
    const point = (count: string, bucket: string) => ({
      timeUnixNano: now,
      count,
      bucketCounts: [bucket, '0'],
      explicitBounds: [1],
    });
    const body = {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
          scopeMetrics: [
            {
              metrics: [
                {
                  name: 'h',
                  histogram: {
                    aggregationTemporality: 2,
                    dataPoints: [
                      point('11376092658737873000', '1'),
                      point('1', '18446744073709551615'),
                      point('3', '3'),
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    const res = await postOtlp(c.base, 'metrics', JSON.stringify(body), JSON_HEADERS);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as {
      partialSuccess: { rejectedDataPoints: string; errorMessage: string };
    };
    expect(answer.partialSuccess.rejectedDataPoints).toBe('2');
    expect(answer.partialSuccess.errorMessage).toMatch(/at most 9007199254740991/);
  });

  it('cuts attribute values nested deeper than the limit instead of recursing without end', async () => {
    const traceId = '7af7651916cd43dd8448eb211c80319c';
    const depth = 1500;
    const deep = `${'{"arrayValue":{"values":['.repeat(depth)}{"stringValue":"bottom"}${']}}'.repeat(depth)}`;
    const span = JSON.stringify(
      jsonSpan({ traceId, spanId: '4000000000000001', startMs: Date.now(), durationMs: 1 }),
    );
    const withDeep = `${span.slice(0, -1)},"attributes":[{"key":"deep","value":${deep}}]}`;
    const body = JSON.stringify(traceRequest('svc', [])).replace('"spans":[]', `"spans":[${withDeep}]`);
    const res = await postOtlp(c.base, 'traces', body, JSON_HEADERS);
    expect(res.status).toBe(200);
    const view = (await (await internalGet(c.base, `/internal/v1/traces/${traceId}`)).json()) as {
      spans: { attributes: { deep: unknown } }[];
    };
    expect(JSON.stringify(view.spans[0]!.attributes.deep)).toContain('[too deep]');
  });

  it('refuses a body larger than MAX_BODY_BYTES with 413', async () => {
    const res = await postOtlp(c.base, 'traces', Buffer.alloc(MAX_BODY_BYTES * 64, 0x20), JSON_HEADERS);
    expect(res.status).toBe(413);
    expect((await rpcStatus(res)).message).toContain(`limit of ${MAX_BODY_BYTES} bytes`);
    await stillServes();
  });

  it('refuses a chunked body that grows past MAX_BODY_BYTES with 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${c.base}/v1/traces`,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      for (let i = 0; i < 8; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
    await stillServes();
  });

  it('stops a gzip bomb at MAX_BODY_BYTES of decompressed output with 413', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(MAX_BODY_BYTES);
    const res = await postOtlp(c.base, 'traces', bomb, { ...JSON_HEADERS, 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    expect((await rpcStatus(res)).message).toContain('decompressed body exceeds');
    await stillServes();
  });

  it('refuses a body that claims gzip but is not gzip with 400', async () => {
    const res = await postOtlp(c.base, 'logs', fixture('logs.json'), {
      ...JSON_HEADERS,
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(400);
    expect((await rpcStatus(res)).message).toBe('body is not valid gzip');
  });

  it('refuses other content types and encodings with 415', async () => {
    const text = await postOtlp(c.base, 'traces', fixture('trace.json'), { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect((await rpcStatus(text)).message).toContain('unsupported content type "text/plain"');
    const brotli = await postOtlp(c.base, 'logs', fixture('logs.json'), {
      ...JSON_HEADERS,
      'content-encoding': 'br',
    });
    expect(brotli.status).toBe(415);
    expect((await rpcStatus(brotli)).message).toContain('unsupported content encoding "br"');
    await stillServes();
  });

  it('counts accepted and refused signals in /metrics', async () => {
    const res = await fetch(`${c.base}/metrics`);
    const text = await res.text();
    expect(text).toMatch(/collector_signals_accepted_total\{signal="traces",service="collector"\} [1-9]/);
    expect(text).toMatch(
      /collector_signals_refused_total\{signal="traces",reason="malformed",service="collector"\} [1-9]/,
    );
    expect(text).toMatch(
      /collector_signals_refused_total\{signal="traces",reason="too_large",service="collector"\} [1-9]/,
    );
    expect(text).toMatch(
      /collector_signals_refused_total\{signal="traces",reason="unsupported_media_type",service="collector"\} [1-9]/,
    );
    expect(text).toMatch(
      /collector_signals_refused_total\{signal="traces",reason="invalid_record",service="collector"\} [1-9]/,
    );
  });

  it('reports ready while Postgres answers', async () => {
    const res = await fetch(`${c.base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });
});
