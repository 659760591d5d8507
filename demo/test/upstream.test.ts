import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { request } from 'undici';
import { createLogger } from '@sightline/telemetry';
import { loadDemoUpstreamConfig } from '../src/config';
import type { DemoUpstream } from '../src/startDemoUpstream';
import { startDemoUpstream } from '../src/startDemoUpstream';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const logLines: string[] = [];
let upstream: DemoUpstream;
let base: string;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const logger = createLogger({
    service: 'demo-upstream',
    destination: { write: (l: string) => void logLines.push(l) },
  });
  upstream = await startDemoUpstream(loadDemoUpstreamConfig({ DEMO_UPSTREAM_PORT: '0' }), {
    tracer: provider.getTracer('demo-test'),
    logger,
  });
  base = `http://127.0.0.1:${upstream.port}`;
});

afterAll(async () => {
  await upstream.close();
  await provider.shutdown();
  context.disable();
  propagation.disable();
  trace.disable();
});

async function call(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  const res = await request(`${base}${path}`, {
    method: (init.method ?? 'GET') as 'GET',
    headers: init.headers,
    body: init.body,
  });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

const putKnobs = (tenant: string, body: unknown, contentType = 'application/json') =>
  call(`/_demo/knobs/${tenant}`, {
    method: 'PUT',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the demo upstream', () => {
  it('answers any path with a small JSON body naming the tenant from x-sightline-tenant', async () => {
    const res = await call('/api/orders?page=1', { headers: { 'x-sightline-tenant': 'acme' } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ok: true, tenant: 'acme', path: '/api/orders', method: 'GET' });
  });

  it('fails every request of a tenant whose errorRate is 1, and only that tenant', async () => {
    expect((await putKnobs('globex', { errorRate: 1 })).status).toBe(200);
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () =>
        call('/api/x', { headers: { 'x-sightline-tenant': 'globex' } }).then((r) => r.status),
      ),
    );
    expect(statuses.every((s) => s === 500)).toBe(true);
    expect((await call('/api/x', { headers: { 'x-sightline-tenant': 'acme' } })).status).toBe(200);
  });

  it('fails about the configured share of requests with a fractional errorRate', async () => {
    await putKnobs('initech', { errorRate: 0.5 });
    const statuses = await Promise.all(
      Array.from({ length: 200 }, () =>
        call('/api/x', { headers: { 'x-sightline-tenant': 'initech' } }).then((r) => r.status),
      ),
    );
    const failures = statuses.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(60);
    expect(failures).toBeLessThan(140);
  });

  it('delays a tenant’s responses by its latencyMs and stops delaying after a reset', async () => {
    await putKnobs('slowco', { latencyMs: 300 });
    let started = Date.now();
    expect((await call('/api/x', { headers: { 'x-sightline-tenant': 'slowco' } })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    expect((await call('/_demo/knobs/slowco', { method: 'DELETE' })).status).toBe(204);
    started = Date.now();
    await call('/api/x', { headers: { 'x-sightline-tenant': 'slowco' } });
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('lists the knobs that are set', async () => {
    await putKnobs('listed', { errorRate: 0.25, latencyMs: 40 });
    const res = await call('/_demo/knobs');
    expect(res.status).toBe(200);
    expect(res.json().listed).toEqual({ errorRate: 0.25, latencyMs: 40 });
  });

  it.each([
    ['an errorRate above 1', { errorRate: 1.5 }, /errorRate/],
    ['a negative latency', { latencyMs: -1 }, /latencyMs/],
    ['a latency over 30 s', { latencyMs: 30_001 }, /latencyMs/],
    ['a string errorRate', { errorRate: '0.5' }, /errorRate/],
    ['an unknown field', { errorRate: 0.1, chaos: true }, /chaos|unrecognized/i],
    ['a JSON array', [1, 2], /body|object/i],
    ['malformed JSON', '{"errorRate": ', /JSON/],
  ])('rejects %s with 400 and a reason', async (_name, body, reason) => {
    const res = await putKnobs('acme', body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(String(res.json().detail)).toMatch(reason);
  });

  it('rejects an oversized knob body with 413, a non-JSON content type with 415, and a hostile tenant id with 400', async () => {
    expect((await putKnobs('acme', JSON.stringify({ errorRate: 0, pad: 'x'.repeat(10_000) }))).status).toBe(
      413,
    );
    expect((await putKnobs('acme', 'errorRate=1', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await putKnobs('..%2F..%2Fetc', { errorRate: 1 })).status).toBe(400);
    expect((await putKnobs('%E0%A4%A', { errorRate: 1 })).status).toBe(400);
    expect((await putKnobs('A'.repeat(100), { errorRate: 1 })).status).toBe(400);
    expect((await call('/_demo/knobs/acme', { method: 'POST' })).status).toBe(405);
  });

  it('continues the caller’s traceparent in a demo.Upstream.handle span and logs one line per request in that trace', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await call('/api/traced', {
      headers: { 'x-sightline-tenant': 'acme', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(res.status).toBe(200);
    const span = exporter.getFinishedSpans().find((s) => s.spanContext().traceId === traceId)!;
    expect(span.name).toBe('demo.Upstream.handle');
    expect(span.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(span.attributes).toMatchObject({ 'tenant.id': 'acme', 'http.response.status_code': 200 });
    const lines = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.trace_id === traceId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      tenant_id: 'acme',
      route: '/api/traced',
      status: 200,
      span_id: span.spanContext().spanId,
    });
  });

  it('logs a path that carries an e-mail address with the address masked', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4737';
    const res = await call('/api/customers/jane.doe@example.com/orders', {
      headers: { 'x-sightline-tenant': 'acme', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(res.status).toBe(200);
    const line = logLines.find((l) => l.includes(traceId))!;
    expect(line).not.toContain('jane.doe');
    expect(JSON.parse(line)).toMatchObject({ route: '/api/customers/***@example.com/orders' });
  });

  it('ignores a malformed tenant header instead of echoing it', async () => {
    const res = await call('/api/x', { headers: { 'x-sightline-tenant': '<script>' } });
    expect(res.status).toBe(200);
    expect(res.json().tenant).toBeNull();
  });
});
