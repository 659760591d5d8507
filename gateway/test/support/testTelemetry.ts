import type { Tracer } from '@opentelemetry/api';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { Logger } from 'pino';
import { createLogger } from '@sightline/telemetry';

/** TestTelemetry is a tracer whose spans are kept in memory and a logger whose lines are kept as parsed JSON. */
export interface TestTelemetry {
  tracer: Tracer;
  logger: Logger;
  spans(): ReadableSpan[];
  logs(): Record<string, unknown>[];
  shutdown(): Promise<void>;
}

/** createTestTelemetry registers an async context manager so spans and the logger's mixin see the active context. */
export function createTestTelemetry(): TestTelemetry {
  const contextManager = new AsyncLocalStorageContextManager().enable();
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
