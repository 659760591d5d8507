import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { TraceView } from '@sightline/contracts';
import { OTLP_TYPES } from '../src/otlp/otlpRoot';
import type { TestCollector } from './collectorHarness';
import {
  FIXTURE_TRACE_ID,
  fixture,
  internalGet,
  jsonSpan,
  postOtlp,
  startTestCollector,
  toProtobuf,
  traceRequest,
} from './collectorHarness';

const execFileAsync = promisify(execFile);
const JSON_HEADERS = { 'content-type': 'application/json' };
const PROTO_HEADERS = { 'content-type': 'application/x-protobuf' };

let c: TestCollector;
beforeAll(async () => {
  c = await startTestCollector();
});
afterAll(async () => {
  await c.close();
});

async function getTrace(traceId: string, query = ''): Promise<{ status: number; body: TraceView }> {
  const res = await internalGet(c.base, `/internal/v1/traces/${traceId}${query}`);
  return { status: res.status, body: (await res.json()) as TraceView };
}

describe('OTLP/HTTP receivers', () => {
  it('accepts the shared trace and log fixtures as JSON and serves the span and the log under one trace id', async () => {
    const traces = await postOtlp(c.base, 'traces', fixture('trace.json'), JSON_HEADERS);
    expect(traces.status).toBe(200);
    expect(traces.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await traces.json()).toEqual({});
    const logs = await postOtlp(c.base, 'logs', fixture('logs.json'), JSON_HEADERS);
    expect(logs.status).toBe(200);
    expect(await logs.json()).toEqual({});

    const { status, body } = await getTrace(FIXTURE_TRACE_ID);
    expect(status).toBe(200);
    expect(body.traceId).toBe(FIXTURE_TRACE_ID);
    expect(body.spans).toHaveLength(1);
    expect(body.spans[0]).toMatchObject({
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      tenantId: '_platform',
      service: 'my.service',
      name: "I'm a server span",
      kind: 2,
      startTime: '2018-12-13T14:51:00.000000Z',
      endTime: '2018-12-13T14:51:01.000000Z',
      durationMs: 1000,
      statusCode: 0,
      statusMessage: null,
      attributes: { 'my.span.attr': 'some value' },
    });
    expect(body.logs).toHaveLength(1);
    expect(body.logs[0]).toMatchObject({
      body: 'Example log record',
      severityText: 'Information',
      spanId: 'eee19b7ec3c1b174',
      traceId: FIXTURE_TRACE_ID,
      service: 'my.service',
      tenantId: '_platform',
      attributes: {
        'string.attribute': 'some string',
        'boolean.attribute': true,
        'int.attribute': 10,
        'double.attribute': 637.704,
        'array.attribute': ['many', 'values'],
        'map.attribute': { 'some.map.key': 'some value' },
      },
    });
  });

  it('finds a trace by its upper-case id and scopes it to a tenant when asked', async () => {
    const upper = await getTrace(FIXTURE_TRACE_ID.toUpperCase());
    expect(upper.status).toBe(200);
    expect(upper.body.spans.length).toBeGreaterThan(0);
    const otherTenant = await internalGet(c.base, `/internal/v1/traces/${FIXTURE_TRACE_ID}?tenant=acme`);
    expect(otherTenant.status).toBe(404);
    expect(otherTenant.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers 404 for an unknown trace and 400 for a malformed trace id', async () => {
    const missing = await internalGet(c.base, `/internal/v1/traces/${'ab'.repeat(16)}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { detail: string }).detail).toContain('no spans or logs');
    const malformed = await internalGet(c.base, '/internal/v1/traces/not-a-trace-id');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { detail: string }).detail).toContain('32 hex digits');
  });

  it('accepts the fixture trace encoded as protobuf and answers with a protobuf ExportTraceServiceResponse', async () => {
    const request = JSON.parse(fixture('trace.json')) as {
      resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
    };
    const span = request.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    span.traceId = traceId;
    // A nanosecond timestamp beyond 2^53 must keep its microseconds.
    span.startTimeUnixNano = '1544712660123456789';
    const res = await postOtlp(c.base, 'traces', toProtobuf('traces', request), PROTO_HEADERS);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    const decoded = OTLP_TYPES.traces.response.toObject(
      OTLP_TYPES.traces.response.decode(new Uint8Array(await res.arrayBuffer())),
    );
    expect(decoded.partialSuccess).toBeUndefined();

    const { body } = await getTrace(traceId);
    expect(body.spans).toHaveLength(1);
    expect(body.spans[0]).toMatchObject({
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      kind: 2,
      startTime: '2018-12-13T14:51:00.123456Z',
    });
    expect(body.spans[0]!.durationMs).toBeCloseTo(876.543211, 6);
  });

  it('accepts the fixture logs encoded as protobuf', async () => {
    const request = JSON.parse(fixture('logs.json')) as {
      resourceLogs: { scopeLogs: { logRecords: Record<string, unknown>[] }[] }[];
    };
    const traceId = '1af7651916cd43dd8448eb211c80319c';
    request.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!.traceId = traceId;
    const res = await postOtlp(c.base, 'logs', toProtobuf('logs', request), PROTO_HEADERS);
    expect(res.status).toBe(200);
    const { body } = await getTrace(traceId);
    expect(body.logs).toHaveLength(1);
    expect(body.logs[0]).toMatchObject({
      body: 'Example log record',
      attributes: { 'int.attribute': 10, 'boolean.attribute': true },
    });
  });

  it('accepts gzip-compressed JSON and protobuf bodies', async () => {
    const jsonTrace = '2af7651916cd43dd8448eb211c80319c';
    const protoTrace = '3af7651916cd43dd8448eb211c80319c';
    const json = JSON.stringify(
      traceRequest('svc', [
        jsonSpan({ traceId: jsonTrace, spanId: '00f067aa0ba902b7', startMs: Date.now(), durationMs: 3 }),
      ]),
    );
    const r1 = await postOtlp(c.base, 'traces', gzipSync(json), {
      ...JSON_HEADERS,
      'content-encoding': 'gzip',
    });
    expect(r1.status).toBe(200);
    const proto = toProtobuf(
      'traces',
      traceRequest('svc', [
        jsonSpan({ traceId: protoTrace, spanId: '00f067aa0ba902b7', startMs: Date.now(), durationMs: 3 }),
      ]),
    );
    const r2 = await postOtlp(c.base, 'traces', gzipSync(proto), {
      ...PROTO_HEADERS,
      'content-encoding': 'gzip',
    });
    expect(r2.status).toBe(200);
    expect((await getTrace(jsonTrace)).body.spans).toHaveLength(1);
    expect((await getTrace(protoTrace)).body.spans).toHaveLength(1);
  });

  it('attributes a span to its own tenant.id, else its resource tenant.id, else _platform', async () => {
    const traceId = '4af7651916cd43dd8448eb211c80319c';
    const now = Date.now();
    const request = traceRequest(
      'svc',
      [
        jsonSpan({
          traceId,
          spanId: '1000000000000001',
          startMs: now,
          durationMs: 1,
          attributes: { 'tenant.id': { stringValue: 'acme' } },
        }),
        jsonSpan({ traceId, spanId: '1000000000000002', startMs: now + 1, durationMs: 1 }),
      ],
      { 'tenant.id': { stringValue: 'globex' } },
    );
    await postOtlp(c.base, 'traces', JSON.stringify(request), JSON_HEADERS);
    await postOtlp(
      c.base,
      'traces',
      JSON.stringify(
        traceRequest('svc', [
          jsonSpan({ traceId, spanId: '1000000000000003', startMs: now + 2, durationMs: 1 }),
        ]),
      ),
      JSON_HEADERS,
    );
    const { body } = await getTrace(traceId);
    expect(body.spans.map((s) => [s.spanId, s.tenantId])).toEqual([
      ['1000000000000001', 'acme'],
      ['1000000000000002', 'globex'],
      ['1000000000000003', '_platform'],
    ]);
    const scoped = await getTrace(traceId, '?tenant=acme');
    expect(scoped.body.spans.map((s) => s.spanId)).toEqual(['1000000000000001']);
  });

  it('stores the valid spans of a request and reports the invalid ones through partialSuccess', async () => {
    const traceId = '5af7651916cd43dd8448eb211c80319c';
    const good = jsonSpan({ traceId, spanId: '2000000000000001', startMs: Date.now(), durationMs: 1 });
    const noTraceId = { ...good, spanId: '2000000000000002', traceId: 'abc' };
    const zeroTraceId = { ...good, spanId: '2000000000000003', traceId: '0'.repeat(32) };
    const res = await postOtlp(
      c.base,
      'traces',
      JSON.stringify(traceRequest('svc', [good, noTraceId, zeroTraceId, 'not a span'])),
      JSON_HEADERS,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      partialSuccess: { rejectedSpans: '3', errorMessage: 'span has no valid 16-byte traceId' },
    });
    expect((await getTrace(traceId)).body.spans.map((s) => s.spanId)).toEqual(['2000000000000001']);
  });

  it.each([
    ['protobuf', '@opentelemetry/exporter-trace-otlp-proto'],
    ['http/JSON', '@opentelemetry/exporter-trace-otlp-http'],
  ])(
    'receives spans that a real OpenTelemetry SDK exports with the %s exporter',
    async (_name, exporterPackage) => {
      const { stdout } = await execFileAsync(process.execPath, ['-e', SDK_EXPORT_SCRIPT], {
        // The SDK 2.x packages live at the repo root (the collector's own node_modules pins 1.x for its decoder),
        // and the exporter loads node:http with a dynamic import that jest's module runtime refuses, hence a child process.
        cwd: path.join(__dirname, '../..'),
        env: {
          ...process.env,
          COLLECTOR_URL: `${c.base}/v1/traces`,
          EXPORTER_PACKAGE: exporterPackage,
          OTEL_SDK_DISABLED: 'false',
        },
        timeout: 20_000,
      });
      const { traceId, result } = JSON.parse(stdout.trim()) as { traceId: string; result: number };
      expect(result).toBe(0);

      const { status, body } = await getTrace(traceId);
      expect(status).toBe(200);
      expect(body.spans).toHaveLength(2);
      const parent = body.spans.find((s) => s.name === 'parent');
      const child = body.spans.find((s) => s.name === 'child');
      expect(parent).toMatchObject({
        name: 'parent',
        kind: 2,
        service: 'sdk-test',
        tenantId: 'initech',
        parentSpanId: null,
        attributes: { 'http.route': '/x' },
      });
      expect(child).toMatchObject({
        name: 'child',
        kind: 3,
        parentSpanId: parent!.spanId,
        statusCode: 2,
        statusMessage: 'boom',
      });
    },
  );
});

// Runs in a plain node process: a BasicTracerProvider exporting through EXPORTER_PACKAGE's OTLPTraceExporter (protobuf
// or http/JSON) to the collector.
const SDK_EXPORT_SCRIPT = `
const { BasicTracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require(process.env.EXPORTER_PACKAGE);
const { resourceFromAttributes } = require('@opentelemetry/resources');
const api = require('@opentelemetry/api');
const exporter = new OTLPTraceExporter({ url: process.env.COLLECTOR_URL });
let result = -1;
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'sdk-test', 'tenant.id': 'initech' }),
  spanProcessors: [{
    onStart() {},
    onEnd(span) { exporter.export([span], (r) => { result = r.code; }); },
    forceFlush() { return exporter.forceFlush(); },
    shutdown() { return exporter.shutdown(); },
  }],
});
const tracer = provider.getTracer('collector-test');
const parent = tracer.startSpan('parent', { kind: api.SpanKind.SERVER, attributes: { 'http.route': '/x' } });
const ctx = api.trace.setSpan(api.context.active(), parent);
const child = tracer.startSpan('child', { kind: api.SpanKind.CLIENT }, ctx);
child.setStatus({ code: api.SpanStatusCode.ERROR, message: 'boom' });
child.end();
parent.end();
provider.forceFlush().then(() => provider.shutdown()).then(() => {
  process.stdout.write(JSON.stringify({ traceId: parent.spanContext().traceId, result }));
});
`;
