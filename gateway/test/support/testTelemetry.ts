import type { Tracer } from '@opentelemetry/api';
import { context, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { Logger } from 'pino';
import { SyncContextManager, createLogger } from '@sightline/telemetry';

/** TestTelemetry is a tracer whose spans are kept in memory and a logger whose lines are kept as parsed JSON. */
export interface TestTelemetry {
  tracer: Tracer;
  logger: Logger;
  spans(): ReadableSpan[];
  logs(): Record<string, unknown>[];
  shutdown(): Promise<void>;
}

/**
 * createTestTelemetry registers the context manager the gateway runs with (synchronous: ADR 0016), so the tests see
 * the log lines and spans the gateway stamps with the request's context, and any that it forgot to.
 */
export function createTestTelemetry(): TestTelemetry {
  const contextManager = new SyncContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  trace.setGlobalTracerProvider(provider);
  const lines: string[] = [];
  const logger = createLogger({
    service: 'gateway',
    level: 'info',
    destination: { write: (line: string) => void lines.push(line) },
  });
  return {
    tracer: provider.getTracer('gateway-test'),
    logger,
    spans: () => exporter.getFinishedSpans(),
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    async shutdown() {
      await provider.shutdown();
      context.disable();
      trace.disable();
    },
  };
}
