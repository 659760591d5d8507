import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import fc from 'fast-check';
import { createLogger, toOtlpLogs, withTenant } from '../src';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, stream };
}

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(new BasicTracerProvider());
});

describe('createLogger', () => {
  it('stamps trace_id, span_id and tenant_id from the active context on every line', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ service: 'svc', destination: stream });
    const span = trace.getTracer('t').startSpan('op');
    context.with(withTenant('acme', trace.setSpan(context.active(), span)), () => logger.info('hello'));
    span.end();
    const rec = JSON.parse(lines[0]!) as Record<string, string>;
    expect(rec).toMatchObject({ service: 'svc', level: 'info', msg: 'hello', tenant_id: 'acme' });
    expect(rec.trace_id).toBe(span.spanContext().traceId);
    expect(rec.span_id).toBe(span.spanContext().spanId);
  });

  it('redacts passwords, tokens and authorization headers', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ service: 'svc', destination: stream });
    logger.info(
      { password: 'hunter2', headers: { authorization: 'Bearer abc.def' }, user: { token: 't0k' } },
      'login',
    );
    expect(lines[0]).not.toMatch(/hunter2|abc\.def|t0k/);
    expect(lines[0]).toContain('[redacted]');
  });
});

describe('serializeError', () => {
  it('logs a driver error without its client or connection parameters', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ service: 'svc', destination: stream });
    const err = Object.assign(new Error('terminating connection'), {
      code: '57P01',
      client: { connectionParameters: { password: 'pg-secret', host: 'db' } },
    });
    logger.error({ err }, 'idle client failed');
    const rec = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
    expect(rec.err).toMatchObject({ type: 'Error', message: 'terminating connection', code: '57P01' });
    expect(lines[0]).not.toContain('pg-secret');
    expect(lines[0]).not.toContain('connectionParameters');
  });
});

describe('toOtlpLogs', () => {
  it('turns pino lines into OTLP/JSON log records with trace ids, severity and tenant attribute', () => {
    const line = JSON.stringify({
      level: 'warn',
      time: '2026-11-25T10:00:00.000Z',
      service: 'gateway',
      msg: 'rate limited',
      trace_id: '5b8efff798038103d269b633813fc60c',
      span_id: 'eee19b7ec3c1b174',
      tenant_id: 'acme',
      status: 429,
    });
    const out = toOtlpLogs('gateway', [line, 'not json']) as {
      resourceLogs: { scopeLogs: { logRecords: Record<string, unknown>[] }[] }[];
    };
    const recs = out.resourceLogs[0]!.scopeLogs[0]!.logRecords;
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({
      severityNumber: 13,
      severityText: 'WARN',
      body: { stringValue: 'rate limited' },
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      timeUnixNano: `${Date.parse('2026-11-25T10:00:00.000Z')}000000`,
    });
    expect(recs[0]!.attributes).toEqual(
      expect.arrayContaining([
        { key: 'tenant.id', value: { stringValue: 'acme' } },
        { key: 'status', value: { intValue: '429' } },
      ]),
    );
  });

  it('writes valid OTLP JSON for any message and attribute values, keeping them exactly', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.dictionary(
          fc
            .string({ minLength: 1 })
            .filter((k) => !['level', 'time', 'msg', 'trace_id', 'span_id'].includes(k)),
          fc.oneof(
            fc.string(),
            fc.integer(),
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.boolean(),
          ),
        ),
        (msg, attrs) => {
          const line = JSON.stringify({ level: 'info', time: 1, msg, ...attrs });
          const out = toOtlpLogs('svc', [line]) as {
            resourceLogs: {
              scopeLogs: { logRecords: { body: unknown; attributes: { key: string }[] }[] }[];
            }[];
          };
          const rec = out.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
          expect(rec.body).toEqual({ stringValue: msg });
          expect(rec.attributes.length).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
