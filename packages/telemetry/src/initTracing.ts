import type { Tracer } from '@opentelemetry/api';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { OutcomeRule } from './outcomeSampling';
import { OutcomeKeepingProcessor, RecordSampler, RecordingRatioSampler } from './outcomeSampling';
import { SyncContextManager } from './SyncContextManager';

/** TracingOptions configures initTracing. */
export interface TracingOptions {
  service: string;
  /** Collector base URL; tracing exports nothing when it is undefined. */
  endpoint?: string;
  /** Head sampling ratio for root spans, 0..1. */
  sampleRatio?: number;
  /**
   * Longest time an ended span waits in the batch before it is exported (ms, default 1000). The gateway's spans
   * feed the console's SLI rollups, so it exports sooner.
   */
  exportDelayMs?: number;
  /** More resource attributes for every span (service.instance.id, sightline.sli.source). */
  resourceAttributes?: Record<string, string>;
  /**
   * Keep unsampled traces by their outcome: with a rule, the traces outside `sampleRatio` are still recorded, and
   * those whose root failed, was rate limited or was slow are exported all the same (see OutcomeKeepingProcessor).
   */
  keepOutcomes?: OutcomeRule;
  /**
   * How the active context is tracked: `async` (default) follows it across await, timers and I/O with
   * AsyncLocalStorage; `sync` only for the synchronous run of `context.with` (SyncContextManager), for a service
   * that passes its context explicitly after every await and would rather not pay for async_hooks.
   */
  contextTracking?: 'async' | 'sync';
}

/** Tracing is the handle initTracing returns. */
export interface Tracing {
  tracer: Tracer;
  shutdown(): Promise<void>;
}

/**
 * initTracing registers a global tracer provider that batches spans to the collector over OTLP/HTTP,
 * with W3C trace-context propagation and context tracking (async by default).
 */
export function initTracing(options: TracingOptions): Tracing {
  context.setGlobalContextManager(
    options.contextTracking === 'sync'
      ? new SyncContextManager().enable()
      : new AsyncLocalStorageContextManager().enable(),
  );
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const ratio = options.sampleRatio ?? 1;
  const keep = options.keepOutcomes !== undefined && ratio < 1 ? options.keepOutcomes : undefined;
  let spanProcessors: SpanProcessor[] = [];
  if (options.endpoint) {
    const batch = new BatchSpanProcessor(
      new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/$/, '')}/v1/traces` }),
      {
        maxQueueSize: 8192,
        maxExportBatchSize: 512,
        scheduledDelayMillis: options.exportDelayMs ?? 1000,
      },
    );
    spanProcessors = [keep ? new OutcomeKeepingProcessor(batch, keep) : batch];
  }
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ ...options.resourceAttributes, 'service.name': options.service }),
    sampler: keep
      ? new ParentBasedSampler({
          root: new RecordingRatioSampler(ratio),
          localParentNotSampled: new RecordSampler(),
        })
      : new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) }),
    spanProcessors,
  });
  trace.setGlobalTracerProvider(provider);
  return {
    tracer: trace.getTracer(`sightline.${options.service}`),
    shutdown: () => provider.shutdown(),
  };
}
