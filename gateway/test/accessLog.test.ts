import { INVALID_SPAN_CONTEXT, TraceFlags, context, trace } from '@opentelemetry/api';
import pino from 'pino';
import { createLogger, withTenant } from '@sightline/telemetry';
import { AccessLog } from '../src/proxy/AccessLog';
import type { TestTelemetry } from './support/testTelemetry';
import { createTestTelemetry } from './support/testTelemetry';

let telemetry: TestTelemetry;

beforeAll(() => {
  telemetry = createTestTelemetry();
});

afterAll(async () => {
  await telemetry.shutdown();
});

function capture(level = 'info') {
  const lines: string[] = [];
  const logger = createLogger({
    service: 'gateway',
    level,
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { logger, lines };
}

const FIELDS = {
  status: 200,
  durationMs: 1.3,
  method: 'GET',
  route: '/api/"quoted"\u0001',
  requestId: 'req-1',
};

describe('AccessLog', () => {
  it('writes byte for byte the line logger.info writes inside the request context, time aside', () => {
    const span = telemetry.tracer.startSpan('gateway.Proxy.handle');
    const ctx = withTenant('acme', trace.setSpan(context.active(), span));
    const viaPino = capture();
    context.with(ctx, () => viaPino.logger.info(FIELDS, 'request completed'));
    const fast = capture();
    new AccessLog(fast.logger).record({ ...FIELDS, span, tenant: 'acme', ctx });
    span.end();
    const withoutTime = (l: string) => l.replace(/"time":"[^"]+"/, '"time":"T"');
    expect(fast.lines).toHaveLength(1);
    expect(withoutTime(fast.lines[0]!)).toBe(withoutTime(viaPino.lines[0]!));
    expect(JSON.parse(fast.lines[0]!)).toMatchObject({
      tenant_id: 'acme',
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
  });

  it('leaves out the tenant and the undefined fields as pino does for a request without them', () => {
    const span = telemetry.tracer.startSpan('gateway.Proxy.handle');
    const ctx = trace.setSpan(context.active(), span);
    const fields = { ...FIELDS, requestId: undefined };
    const viaPino = capture();
    context.with(ctx, () => viaPino.logger.info(fields, 'request completed'));
    const fast = capture();
    new AccessLog(fast.logger).record({ ...fields, span, tenant: undefined, ctx });
    span.end();
    const withoutTime = (l: string) => l.replace(/"time":"[^"]+"/, '"time":"T"');
    expect(withoutTime(fast.lines[0]!)).toBe(withoutTime(viaPino.lines[0]!));
  });

  it('masks an e-mail address, a card number and an IP in the path, on the fast path and the plain one alike', () => {
    const route = '/api/customers/jane.doe@example.com/cards/4111111111111111/from/198.51.100.23';
    const fast = capture();
    // A logger without createLogger's mixin takes AccessLog's plain logger.info path.
    const plainLines: string[] = [];
    const plain = pino({ level: 'info' }, { write: (l: string) => void plainLines.push(l) });
    const span = telemetry.tracer.startSpan('gateway.Proxy.handle');
    for (const logger of [fast.logger, plain])
      new AccessLog(logger).record({ ...FIELDS, route, span, tenant: 'acme', ctx: context.active() });
    span.end();
    const lines = [...fast.lines, ...plainLines];
    expect(lines).toHaveLength(2);
    for (const line of lines)
      expect(JSON.parse(line).route).toBe(
        '/api/customers/***@example.com/cards/[REDACTED]/from/198.51.100.0',
      );
  });

  it('writes nothing when the logger level is above info', () => {
    const span = telemetry.tracer.startSpan('gateway.Proxy.handle');
    const quiet = capture('warn');
    new AccessLog(quiet.logger).record({ ...FIELDS, span, tenant: 'acme', ctx: context.active() });
    span.end();
    expect(quiet.lines).toEqual([]);
  });

  it('routes the line to the info streams of a multistream logger and not to a warn-only one', () => {
    const info: string[] = [];
    const warn: string[] = [];
    const logger = pino(
      { level: 'info', base: { service: 'gateway' }, mixin: () => ({}) },
      pino.multistream([
        { level: 'info', stream: { write: (l: string) => void info.push(l) } },
        { level: 'warn', stream: { write: (l: string) => void warn.push(l) } },
      ]),
    );
    const span = telemetry.tracer.startSpan('gateway.Proxy.handle');
    new AccessLog(logger).record({ ...FIELDS, span, tenant: 'acme', ctx: context.active() });
    span.end();
    expect(info).toHaveLength(1);
    expect(JSON.parse(info[0]!)).toMatchObject({
      msg: 'request completed',
      status: 200,
      route: FIELDS.route,
    });
    expect(warn).toEqual([]);
  });

  describe('in sampled mode (ACCESS_LOG=sampled, the default)', () => {
    const spanWith = (traceFlags: number) =>
      trace.wrapSpanContext({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags });
    const sampledLog = (random = () => 0.5) => {
      const out = capture();
      const log = new AccessLog(out.logger, { mode: 'sampled', sampleRatio: 0.1, keepSlowMs: 1000, random });
      const record = (status: number, durationMs: number, span = spanWith(TraceFlags.NONE)) =>
        log.record({ ...FIELDS, status, durationMs, span, tenant: 'acme', ctx: context.active() });
      return { out, record };
    };

    it('writes a line for every 4xx and 5xx and every slow request, kept trace or not', () => {
      const { out, record } = sampledLog();
      for (const status of [400, 401, 403, 404, 413, 429, 499, 500, 502, 504]) record(status, 3);
      record(200, 1000);
      record(200, 12);
      expect(out.lines.map((l) => (JSON.parse(l) as { status: number }).status)).toEqual([
        400, 401, 403, 404, 413, 429, 499, 500, 502, 504, 200,
      ]);
    });

    it('writes a line for a fast success only when its trace was kept, so each such line links to a trace', () => {
      const { out, record } = sampledLog();
      record(200, 2, spanWith(TraceFlags.NONE));
      record(204, 2, spanWith(TraceFlags.SAMPLED));
      expect(out.lines).toHaveLength(1);
      expect(JSON.parse(out.lines[0]!)).toMatchObject({ status: 204, trace_id: 'a'.repeat(32) });
    });

    it('keeps the sample ratio of fast successes at random when tracing is off and there is no verdict', () => {
      const draws = [0.05, 0.5, 0.09, 0.99];
      const { out, record } = sampledLog(() => draws.shift()!);
      for (let i = 0; i < 4; i++) record(200, 2, trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
      expect(out.lines).toHaveLength(2);
    });
  });

  it('is not created in mode off, which writes nothing', () => {
    expect(() => new AccessLog(capture().logger, { mode: 'off', sampleRatio: 1, keepSlowMs: 0 })).toThrow(
      'do not create one',
    );
  });
});
