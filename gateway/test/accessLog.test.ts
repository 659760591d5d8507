import { context, trace } from '@opentelemetry/api';
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
});
