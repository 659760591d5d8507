import { TraceFlags, trace } from '@opentelemetry/api';
import type { DestinationStream, Logger } from 'pino';
import pino from 'pino';
import { activeTenant } from './tenantContext';

/** LoggerOptions configures createLogger. */
export interface LoggerOptions {
  service: string;
  level?: string;
  /** Extra destinations (e.g. the OTLP log shipper) beside stdout. */
  extraStreams?: DestinationStream[];
  /** Where JSON lines go; stdout by default. */
  destination?: DestinationStream;
}

/** REDACT_PATHS lists fields that must never reach a log line: credentials and personal data. */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'client_secret',
  '*.client_secret',
  'refresh_token',
  '*.refresh_token',
];

/**
 * serializeError keeps what helps a reader (type, message, code, stack, cause) and drops the rest: driver
 * errors carry their client and connection parameters, which must never reach a log line.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown; status?: unknown };
  return {
    type: e.name,
    message: e.message,
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.status === 'number' ? { status: e.status } : {}),
    stack: e.stack,
    ...(e.cause !== undefined ? { cause: serializeError(e.cause) } : {}),
  };
}

/**
 * createLogger returns a pino JSON logger whose lines carry service, trace_id, span_id and tenant_id
 * from the active OpenTelemetry context, with credentials redacted.
 */
export function createLogger(options: LoggerOptions): Logger {
  const main = options.destination ?? pino.destination({ dest: 1, sync: false });
  const streams = options.extraStreams?.length
    ? pino.multistream([{ stream: main }, ...options.extraStreams.map((stream) => ({ stream }))])
    : main;
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
      mixin() {
        const span = trace.getActiveSpan();
        const tenant = activeTenant();
        const out: Record<string, string> = {};
        // Only a sampled span's ids: a line must not link to a trace that was never recorded.
        const sc = span?.spanContext();
        if (sc && (sc.traceFlags & TraceFlags.SAMPLED) !== 0) {
          out.trace_id = sc.traceId;
          out.span_id = sc.spanId;
        }
        if (tenant) out.tenant_id = tenant;
        return out;
      },
    },
    streams,
  );
}
