import type { Logger } from 'pino';
import type { CollectorMetrics } from '../collectorMetrics';
import type { ExportResult, Exporter } from '../exporters/Exporter';
import { EXPORT_SUCCESS, recordCount } from '../exporters/Exporter';
import type { QueuedExporter } from '../exporters/queue/QueuedExporter';
import type { SignalBatch } from '../otlp/records';
import type { CommitObserver, ProcessContext, Processor } from '../processors/Processor';

/** SignalPipelineOptions are the stages of a SignalPipeline, in order. */
export interface SignalPipelineOptions {
  processors: readonly Processor[];
  /** The durable store: a request is acknowledged only once it has committed. */
  durable: Exporter;
  observers: readonly CommitObserver[];
  queued: readonly QueuedExporter[];
  metrics: CollectorMetrics;
  logger: Logger;
}

/**
 * SignalPipeline runs a batch through the processors (tenant, redaction, …), writes it to the durable store,
 * shows the committed batch to the observers (span metrics, rollups), and puts it on every exporter's disk queue.
 */
export class SignalPipeline {
  constructor(private readonly options: SignalPipelineOptions) {}

  /** consume resolves success once the batch is committed and queued, or the durable store's failure. */
  async consume(input: SignalBatch, context: ProcessContext): Promise<ExportResult> {
    const { processors, durable, observers, queued, metrics, logger } = this.options;
    let batch = input;
    for (const processor of processors) batch = processor.process(batch, context);
    if (recordCount(batch) === 0) return EXPORT_SUCCESS;
    const stored = await durable.export(batch);
    if (stored.kind === 'failure') return stored;
    for (const observer of observers) observer.observe(batch);
    await Promise.all(
      queued.map((q) =>
        q.enqueue(batch).catch((err: unknown) => {
          // The durable store has the batch, so the client still gets its 2xx; this exporter loses it, counted.
          logger.error({ err, exporter: q.name }, 'cannot queue batch for exporter');
          metrics.dropped.inc(
            { signal: 'traces', exporter: q.name, reason: 'enqueue_failed' },
            batch.spans.length,
          );
          metrics.dropped.inc(
            { signal: 'logs', exporter: q.name, reason: 'enqueue_failed' },
            batch.logs.length,
          );
          metrics.dropped.inc(
            { signal: 'metrics', exporter: q.name, reason: 'enqueue_failed' },
            batch.metrics.length,
          );
        }),
      ),
    );
    return EXPORT_SUCCESS;
  }
}
