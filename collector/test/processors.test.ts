import { randomBytes } from 'node:crypto';
import { redactText } from '@sightline/telemetry';
import { MemoryLimiter } from '../src/processors/memoryLimiter/MemoryLimiter';
import type { TestCollector } from './collectorHarness';
import {
  internalGet,
  jsonSpan,
  postOtlp,
  startTestCollector,
  toProtobuf,
  traceRequest,
} from './collectorHarness';
import { OTLP_TYPES } from '../src/otlp/otlpRoot';
import type { TraceView } from '@sightline/contracts';

const JSON_HEADERS = { 'content-type': 'application/json' };
const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

describe('redactText', () => {
  it.each([
    ['masks the local part of an e-mail', 'mail jane.doe+x@example.co.uk now', 'mail ***@example.co.uk now'],
    ['truncates an IPv4 address to its /24', 'from 203.0.113.77:443', 'from 203.0.113.0:443'],
    ['truncates an IPv6 address to its /48', 'peer 2001:db8:abcd:12:1:2:3:4 ok', 'peer 2001:db8:abcd:: ok'],
    [
      'removes a bearer token',
      'Authorization: Bearer eyJhbGciOi.payload.sig',
      'Authorization: Bearer [REDACTED]',
    ],
    ['removes a Luhn-valid card number with separators', 'card 4111 1111 1111 1111 ok', 'card [REDACTED] ok'],
    ['keeps a 16-digit number that fails the Luhn check', 'order 4111111111111112', 'order 4111111111111112'],
    [
      'keeps times and versions that look a little like addresses',
      'at 12:34:56 v1.2.3',
      'at 12:34:56 v1.2.3',
    ],
    [
      'reads a URL-encoded query string decoded, so %40, %3A and + hide no e-mail, IPv6 or card',
      'email=jane.doe%40example.com&ip6=2001%3Adb8%3Aabcd%3A12%3A%3A1&card=4111+1111+1111+1111',
      'email=***@example.com&ip6=2001:db8:abcd::&card=[REDACTED]',
    ],
    ['keeps URL-encoded text with nothing to redact as it was', 'q=a%20b+c&page=5', 'q=a%20b+c&page=5'],
  ])('%s', (_name, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });
});

describe('MemoryLimiter', () => {
  it('refuses a request that would exceed the in-flight bytes and admits it again once memory is released', () => {
    const limiter = new MemoryLimiter({ maxInFlightBytes: 100, maxInFlightRequests: 10 });
    const a = limiter.tryAcquire(80)!;
    expect(limiter.tryAcquire(30)).toBeNull();
    a.release();
    a.release();
    expect(limiter.inFlightBytes).toBe(0);
    expect(limiter.tryAcquire(30)).not.toBeNull();
  });
});

describe('the processing pipeline', () => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await startTestCollector({
      COLLECTOR_API_KEYS: 'collector-key-acme=acme',
      MEMORY_LIMIT_BYTES: 1024 * 1024,
      MAX_BODY_BYTES: 1024 * 1024,
    });
  });
  afterAll(async () => {
    await c.close();
  });

  async function trace(traceId: string): Promise<TraceView> {
    return (await (await internalGet(c.base, `/internal/v1/traces/${traceId}`)).json()) as TraceView;
  }

  it('stores a span and a log carrying an e-mail, an IP and a bearer token without any of them', async () => {
    const traceId = hex(16);
    const secret = 'Bearer abc.def.ghi';
    const span = jsonSpan({
      traceId,
      spanId: hex(8),
      startMs: Date.now(),
      durationMs: 1,
      attributes: {
        'user.email': { stringValue: 'alice@example.com' },
        'client.address': { stringValue: '198.51.100.23' },
        'http.request.header.authorization': { stringValue: secret },
        note: { stringValue: `token ${secret} from bob@example.org` },
      },
    });
    (span as { status?: unknown }).status = { code: 2, message: 'login failed for carol@example.net' };
    expect(
      (await postOtlp(c.base, 'traces', JSON.stringify(traceRequest('svc', [span])), JSON_HEADERS)).status,
    ).toBe(200);
    const logs = {
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'host.ip', value: { stringValue: '2001:db8:1234:5678::1' } }] },
          scopeLogs: [
            {
              logRecords: [
                {
                  timeUnixNano: String(Date.now() * 1e6),
                  traceId,
                  body: { stringValue: `user dave@example.com from 192.0.2.9 sent ${secret}` },
                  attributes: [{ key: 'card', value: { stringValue: '5500-0000-0000-0004' } }],
                },
              ],
            },
          ],
        },
      ],
    };
    expect((await postOtlp(c.base, 'logs', JSON.stringify(logs), JSON_HEADERS)).status).toBe(200);
    const view = await trace(traceId);
    const stored = JSON.stringify(view);
    for (const leaked of [
      'alice@',
      'bob@',
      'carol@',
      'dave@',
      '198.51.100.23',
      '192.0.2.9',
      'abc.def.ghi',
      '5500-0000',
    ])
      expect(stored).not.toContain(leaked);
    expect(view.spans[0]!.attributes).toMatchObject({
      'user.email': '***@example.com',
      'client.address': '198.51.100.0',
      'http.request.header.authorization': '[REDACTED]',
    });
    expect(view.spans[0]!.statusMessage).toBe('login failed for ***@example.net');
    expect(view.logs[0]!.body).toBe('user ***@example.com from 192.0.2.0 sent Bearer [REDACTED]');
    expect(view.logs[0]!.attributes.card).toBe('[REDACTED]');
  });

  it('attributes a signal without tenant.id to the tenant of the collector API key it was sent with', async () => {
    const traceId = hex(16);
    const body = JSON.stringify(
      traceRequest('svc', [jsonSpan({ traceId, spanId: hex(8), startMs: Date.now(), durationMs: 1 })]),
    );
    const res = await postOtlp(c.base, 'traces', body, {
      ...JSON_HEADERS,
      'x-api-key': 'collector-key-acme',
    });
    expect(res.status).toBe(200);
    expect((await trace(traceId)).spans[0]!.tenantId).toBe('acme');
  });

  it('refuses an unknown collector API key with 401 and stores nothing', async () => {
    const traceId = hex(16);
    const body = JSON.stringify(
      traceRequest('svc', [jsonSpan({ traceId, spanId: hex(8), startMs: Date.now(), durationMs: 1 })]),
    );
    const res = await postOtlp(c.base, 'traces', body, { ...JSON_HEADERS, 'x-api-key': 'not-a-known-key' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: number }).code).toBe(16);
    expect((await internalGet(c.base, `/internal/v1/traces/${traceId}`)).status).toBe(404);
  });

  it('answers 429 with Retry-After when concurrent requests exceed the memory limit, and serves again afterwards', async () => {
    const big = JSON.stringify(
      traceRequest(
        'svc',
        Array.from({ length: 1800 }, () =>
          jsonSpan({ traceId: hex(16), spanId: hex(8), startMs: Date.now(), durationMs: 1 }),
        ),
      ),
    );
    expect(big.length).toBeGreaterThan(300 * 1024);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        postOtlp(c.base, 'traces', big, JSON_HEADERS).then(async (r) => {
          await r.arrayBuffer();
          return { status: r.status, retryAfter: r.headers.get('retry-after') };
        }),
      ),
    );
    const refused = results.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.retryAfter === '1')).toBe(true);
    expect(results.some((r) => r.status === 200)).toBe(true);
    const again = await postOtlp(c.base, 'traces', big, JSON_HEADERS);
    expect(again.status).toBe(200);
  });

  it('exposes span metrics per tenant, service, route and status class on /metrics', async () => {
    const span = jsonSpan({
      traceId: hex(16),
      spanId: hex(8),
      startMs: Date.now(),
      durationMs: 30,
      attributes: {
        'tenant.id': { stringValue: 'globex' },
        'http.route': { stringValue: '/orders/:id' },
        'http.response.status_code': { intValue: 503 },
      },
    });
    await postOtlp(c.base, 'traces', JSON.stringify(traceRequest('shop', [span])), JSON_HEADERS);
    const text = await (await fetch(`${c.base}/metrics`)).text();
    expect(text).toMatch(
      /collector_spanmetrics_calls_total\{tenant="globex",service="shop",route="\/orders\/:id",status="5xx"[^}]*\} 1/,
    );
    expect(text).toContain('collector_spanmetrics_duration_seconds_bucket{le="0.05",tenant="globex"');
    // The enterprise p99 target of 300 ms is a bound here too, as in the gateway histogram and the rollups.
    expect(text).toContain('collector_spanmetrics_duration_seconds_bucket{le="0.3",tenant="globex"');
  });
});

describe('POST /v1/metrics', () => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await startTestCollector();
  });
  afterAll(async () => {
    await c.close();
  });

  const now = String(Date.now() * 1e6);
  const request = {
    resourceMetrics: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'gateway' } },
            { key: 'tenant.id', value: { stringValue: 'acme' } },
          ],
        },
        scopeMetrics: [
          {
            metrics: [
              { name: 'queue.depth', unit: '1', gauge: { dataPoints: [{ timeUnixNano: now, asInt: '7' }] } },
              {
                name: 'requests',
                sum: {
                  aggregationTemporality: 2,
                  isMonotonic: true,
                  dataPoints: [{ timeUnixNano: now, asDouble: 12.5 }],
                },
              },
              {
                name: 'latency',
                unit: 'ms',
                histogram: {
                  aggregationTemporality: 1,
                  dataPoints: [
                    {
                      timeUnixNano: now,
                      count: '3',
                      sum: 42,
                      bucketCounts: ['1', '2'],
                      explicitBounds: [10],
                    },
                  ],
                },
              },
              {
                name: 'summary.thing',
                summary: { dataPoints: [{ timeUnixNano: now }, { timeUnixNano: now }] },
              },
            ],
          },
        ],
      },
    ],
  };

  async function storedPoints(): Promise<
    { name: string; kind: string; value: number | null; count: string | null; tenant_id: string }[]
  > {
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: c.db.url });
    await client.connect();
    try {
      return (
        await client.query<{
          name: string;
          kind: string;
          value: number | null;
          count: string | null;
          tenant_id: string;
        }>(
          'SELECT name, kind, value, count::text, tenant_id FROM collector.metric_points ORDER BY name, time',
        )
      ).rows;
    } finally {
      await client.end();
    }
  }

  it('stores gauge, sum and histogram points from JSON and reports unsupported summaries through partialSuccess', async () => {
    const res = await postOtlp(c.base, 'metrics', JSON.stringify(request), JSON_HEADERS);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      partialSuccess: {
        rejectedDataPoints: '2',
        errorMessage: 'metric type summary is not supported; use gauge, sum or histogram',
      },
    });
    expect(await storedPoints()).toEqual([
      { name: 'latency', kind: 'histogram', value: null, count: '3', tenant_id: 'acme' },
      { name: 'queue.depth', kind: 'gauge', value: 7, count: null, tenant_id: 'acme' },
      { name: 'requests', kind: 'sum', value: 12.5, count: null, tenant_id: 'acme' },
    ]);
  });

  it('accepts protobuf metrics and answers with an ExportMetricsServiceResponse', async () => {
    const res = await postOtlp(c.base, 'metrics', toProtobuf('metrics', request), {
      'content-type': 'application/x-protobuf',
    });
    expect(res.status).toBe(200);
    const decoded = OTLP_TYPES.metrics.response.toObject(
      OTLP_TYPES.metrics.response.decode(new Uint8Array(await res.arrayBuffer())),
      { longs: String },
    );
    expect(decoded.partialSuccess).toMatchObject({ rejectedDataPoints: '2' });
    expect((await storedPoints()).length).toBe(6);
  });

  it.each([
    ['a string where resourceMetrics belongs', '{"resourceMetrics":"x"}', 'resourceMetrics must be an array'],
    ['malformed JSON', '{"resourceMetrics":[', 'malformed JSON'],
  ])('refuses %s with 400 and the reason', async (_name, body, reason) => {
    const res = await postOtlp(c.base, 'metrics', body, JSON_HEADERS);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain(reason);
  });

  it('rejects a histogram whose buckets do not match its bounds, per data point', async () => {
    const bad = JSON.parse(JSON.stringify(request)) as typeof request;
    bad.resourceMetrics[0]!.scopeMetrics[0]!.metrics = [
      {
        name: 'h',
        histogram: {
          aggregationTemporality: 1,
          dataPoints: [{ timeUnixNano: now, count: '1', bucketCounts: ['1'], explicitBounds: [1, 2] }],
        },
      },
    ] as never;
    const res = await postOtlp(c.base, 'metrics', JSON.stringify(bad), JSON_HEADERS);
    expect(await res.json()).toEqual({
      partialSuccess: {
        rejectedDataPoints: '1',
        errorMessage: 'histogram bucketCounts must have one more entry than explicitBounds',
      },
    });
  });
});
