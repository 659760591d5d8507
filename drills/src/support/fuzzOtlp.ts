import fc from 'fast-check';

/** OtlpSignal is one of the three OTLP/HTTP signals. */
export type OtlpSignal = 'traces' | 'logs' | 'metrics';

const hex = (bytes: number) =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('hex'));

/** nanos is a Unix time in nanoseconds as OTLP/JSON writes it: mostly the last hour, sometimes absurd. */
const nanos = fc.oneof(
  {
    arbitrary: fc
      .integer({ min: -3_600_000, max: 60_000 })
      .map((d) => String(BigInt(Date.now() + d) * 1_000_000n)),
    weight: 12,
  },
  {
    arbitrary: fc.constantFrom(
      '0',
      '1',
      '-1',
      '18446744073709551615',
      '9223372036854775807',
      String(Date.now()),
    ),
    weight: 1,
  },
  { arbitrary: fc.integer({ min: 0, max: 2 ** 31 }).map((s) => s * 1e9), weight: 1 },
);

const anyValue = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.record({ stringValue: fc.string({ maxLength: 40, unit: 'binary' }) }),
    fc.record({
      intValue: fc.oneof(fc.integer().map(String), fc.integer(), fc.constant('9223372036854775808')),
    }),
    fc.record({ doubleValue: fc.double() }),
    fc.record({ boolValue: fc.boolean() }),
    fc.record({ bytesValue: fc.uint8Array({ maxLength: 16 }).map((b) => Buffer.from(b).toString('base64')) }),
    fc.record({ arrayValue: fc.record({ values: fc.array(tie('v'), { maxLength: 3 }) }) }),
    fc.record({
      kvlistValue: fc.record({
        values: fc.array(fc.record({ key: fc.string({ maxLength: 12 }), value: tie('v') }), { maxLength: 3 }),
      }),
    }),
  ),
})).v;

const KEYS = [
  'http.route',
  'http.method',
  'http.request.method',
  'http.status_code',
  'http.response.status_code',
  'tenant.id',
  'service.name',
  'user.email',
  'authorization',
  'db.statement',
];
const attributes = fc.array(
  fc.record({ key: fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 24 })), value: anyValue }),
  { maxLength: 5 },
);
const service = fc.oneof(fc.constantFrom('gateway', 'checkout', 'api', 'auth'), fc.string({ maxLength: 20 }));
const tenant = fc.oneof(
  fc.constantFrom('acme', 'globex', 'initech', 'platform'),
  fc.string({ maxLength: 20 }),
);
const resource = fc.tuple(service, tenant, attributes).map(([s, t, attrs]) => ({
  attributes: [
    { key: 'service.name', value: { stringValue: s } },
    { key: 'tenant.id', value: { stringValue: t } },
    ...attrs,
  ],
}));
const scope = fc.record({ name: fc.string({ maxLength: 16 }), version: fc.constantFrom('1.0.0', '') });
const routeAttrs = fc
  .tuple(
    fc.constantFrom('/api/orders', '/api/orders/:id', '/v1/login', '/'),
    fc.constantFrom(200, 201, 404, 429, 500, 503),
  )
  .map(([route, status]) => [
    { key: 'http.route', value: { stringValue: route } },
    { key: 'http.response.status_code', value: { intValue: String(status) } },
  ]);

const span = fc
  .record({
    traceId: hex(16),
    spanId: hex(8),
    parentSpanId: fc.oneof(hex(8), fc.constant('')),
    name: fc.oneof(
      fc.constantFrom('GET /api/orders', 'POST /v1/login', 'db.query'),
      fc.string({ maxLength: 40 }),
    ),
    kind: fc.integer({ min: 0, max: 5 }),
    startTimeUnixNano: nanos,
    endTimeUnixNano: nanos,
    attributes: fc.tuple(routeAttrs, attributes).map(([a, b]) => [...a, ...b]),
    status: fc.record({ code: fc.integer({ min: 0, max: 2 }), message: fc.string({ maxLength: 20 }) }),
    events: fc.array(fc.record({ timeUnixNano: nanos, name: fc.string({ maxLength: 16 }), attributes }), {
      maxLength: 2,
    }),
    links: fc.array(fc.record({ traceId: hex(16), spanId: hex(8), attributes }), { maxLength: 1 }),
  })
  .map((s) => ({ ...s, parentSpanId: s.parentSpanId === '' ? undefined : s.parentSpanId }));

const logRecord = fc.record({
  timeUnixNano: nanos,
  observedTimeUnixNano: nanos,
  severityNumber: fc.integer({ min: 0, max: 24 }),
  severityText: fc.constantFrom('INFO', 'WARN', 'ERROR', 'DEBUG', ''),
  body: anyValue,
  attributes,
  traceId: fc.oneof(hex(16), fc.constant('')),
  spanId: fc.oneof(hex(8), fc.constant('')),
  flags: fc.integer({ min: 0, max: 255 }),
});

const numberPoint = fc
  .tuple(
    nanos,
    nanos,
    attributes,
    fc.oneof(fc.record({ asDouble: fc.double() }), fc.record({ asInt: fc.integer().map(String) })),
  )
  .map(([start, time, attrs, v]) => ({
    startTimeUnixNano: start,
    timeUnixNano: time,
    attributes: attrs,
    ...v,
  }));
const histogramPoint = fc
  .tuple(
    nanos,
    nanos,
    attributes,
    fc.array(fc.double({ noNaN: true }), { maxLength: 6 }),
    fc.array(fc.nat(1000), { maxLength: 7 }),
  )
  .map(([start, time, attrs, bounds, counts]) => ({
    startTimeUnixNano: start,
    timeUnixNano: time,
    attributes: attrs,
    count: String(counts.reduce((a, b) => a + b, 0)),
    sum: counts.length,
    bucketCounts: counts.map(String),
    explicitBounds: [...bounds].sort((a, b) => a - b),
  }));
const metric = fc
  .tuple(fc.string({ maxLength: 30 }), fc.constantFrom('ms', 's', '1', ''), fc.nat(4))
  .chain(([name, unit, kind]): fc.Arbitrary<Record<string, unknown>> => {
    const base = { name: name || 'http.server.duration', unit };
    if (kind === 0)
      return fc
        .array(numberPoint, { maxLength: 3 })
        .map((dataPoints) => ({ ...base, gauge: { dataPoints } }));
    if (kind === 1)
      return fc
        .tuple(fc.array(numberPoint, { maxLength: 3 }), fc.integer({ min: 0, max: 2 }), fc.boolean())
        .map(([dataPoints, aggregationTemporality, isMonotonic]) => ({
          ...base,
          sum: { dataPoints, aggregationTemporality, isMonotonic },
        }));
    if (kind === 2)
      return fc
        .tuple(fc.array(histogramPoint, { maxLength: 2 }), fc.integer({ min: 0, max: 2 }))
        .map(([dataPoints, aggregationTemporality]) => ({
          ...base,
          histogram: { dataPoints, aggregationTemporality },
        }));
    if (kind === 3)
      return fc
        .record({
          timeUnixNano: nanos,
          count: fc.nat().map(String),
          sum: fc.double(),
          scale: fc.integer({ min: -10, max: 20 }),
          zeroCount: fc.nat().map(String),
          positive: fc.record({
            offset: fc.integer(),
            bucketCounts: fc.array(fc.nat().map(String), { maxLength: 4 }),
          }),
        })
        .map((p) => ({ ...base, exponentialHistogram: { dataPoints: [p], aggregationTemporality: 2 } }));
    return fc
      .record({
        timeUnixNano: nanos,
        count: fc.nat().map(String),
        sum: fc.double(),
        quantileValues: fc.array(fc.record({ quantile: fc.double({ min: 0, max: 1 }), value: fc.double() }), {
          maxLength: 3,
        }),
      })
      .map((p) => ({ ...base, summary: { dataPoints: [p] } }));
  });

const envelope = <T>(outer: string, inner: string, items: string, item: fc.Arbitrary<T>) =>
  fc
    .array(
      fc.record({
        resource,
        [inner]: fc.array(fc.record({ scope, [items]: fc.array(item, { minLength: 1, maxLength: 3 }) }), {
          minLength: 1,
          maxLength: 2,
        }),
      }),
      { minLength: 1, maxLength: 3 },
    )
    .map((list) => ({ [outer]: list }));

/** fuzzOtlp generates a valid OTLP/JSON export request of one signal, with random but well-formed content. */
export function fuzzOtlp(signal: OtlpSignal): fc.Arbitrary<Record<string, unknown>> {
  if (signal === 'traces') return envelope('resourceSpans', 'scopeSpans', 'spans', span);
  if (signal === 'logs') return envelope('resourceLogs', 'scopeLogs', 'logRecords', logRecord);
  return envelope('resourceMetrics', 'scopeMetrics', 'metrics', metric);
}
