import type { Logger } from 'pino';
import type { SignalBatch } from '../../otlp/records';
import type { ExportResult, Exporter } from '../Exporter';
import { selectSignals } from '../Exporter';
import type { BackoffOptions } from './backoffDelay';
import { backoffDelay } from './backoffDelay';
import type { DiskQueue, QueuedFrame, SignalCounts } from './DiskQueue';

/** ExportOutcome is what QueuedExporter reports to its metrics hook. */
export type ExportOutcome = 'exported' | 'rejected' | 'retry';

/** QueuedExporterOptions configures the delivery loop around one exporter. */
export interface QueuedExporterOptions {
  maxBatchRecords: number;
  backoff: BackoffOptions;
  logger: Logger;
  onOutcome?: (exporter: string, outcome: ExportOutcome, counts: SignalCounts, result: ExportResult) => void;
  random?: () => number;
}

/**
 * QueuedExporter does the shared work around an exporter: it queues batches on disk, merges queued batches into
 * export batches, and retries retryable failures with full-jitter exponential backoff that honours Retry-After.
 * Non-retryable failures are dropped and counted.
 */
export class QueuedExporter {
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(
    readonly exporter: Exporter,
    readonly queue: DiskQueue,
    private readonly options: QueuedExporterOptions,
  ) {}

  /** name is the exporter's name. */
  get name(): string {
    return this.exporter.name;
  }

  /** enqueue puts the records this exporter takes on disk; it resolves once they are fsync'd. */
  async enqueue(batch: SignalBatch): Promise<void> {
    const selected = selectSignals(batch, this.exporter.signals);
    if (selected === null) return;
    await this.queue.append(Buffer.from(JSON.stringify(selected)), countsOf(selected));
  }

  /** start begins delivering queued batches in the background. */
  start(): void {
    this.loop ??= this.run();
  }

  /** close stops the loop after the export in flight; undelivered batches stay on disk for the next start. */
  async close(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.queue.close();
    await this.loop;
    await this.exporter.close();
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopping) {
      await this.queue.waitForData();
      if (this.stopping) break;
      const loaded = await this.load(this.queue.peek(this.options.maxBatchRecords));
      if (loaded === null) continue;
      const { batch, frames } = loaded;
      const counts = countsOf(batch);
      const result = await this.exporter.export(batch);
      if (result.kind === 'success') {
        attempt = 0;
        await this.queue.ack(frames);
        this.options.onOutcome?.(this.name, 'exported', counts, result);
      } else if (!result.retryable) {
        attempt = 0;
        await this.queue.ack(frames);
        this.options.onOutcome?.(this.name, 'rejected', counts, result);
        this.options.logger.warn(
          { exporter: this.name, reason: result.reason },
          'export rejected; batch dropped',
        );
      } else {
        this.options.onOutcome?.(this.name, 'retry', counts, result);
        const delay = backoffDelay(attempt++, this.options.backoff, result.retryAfterMs, this.options.random);
        this.options.logger.debug(
          { exporter: this.name, reason: result.reason, delay },
          'export failed; retrying',
        );
        await this.sleep(delay);
      }
    }
  }

  private async load(frames: QueuedFrame[]): Promise<{ batch: SignalBatch; frames: QueuedFrame[] } | null> {
    const merged: SignalBatch = { spans: [], logs: [], metrics: [] };
    const used: QueuedFrame[] = [];
    for (const frame of frames) {
      const payload = await this.queue.read(frame);
      const batch = payload === null ? null : parseBatch(payload);
      if (batch === null) {
        // A frame dropped for space (or damaged) since peek: skip it, and keep the order of the rest.
        if (used.length === 0) await this.queue.ack([frame]);
        break;
      }
      used.push(frame);
      merged.spans.push(...batch.spans);
      merged.logs.push(...batch.logs);
      merged.metrics.push(...batch.metrics);
    }
    return used.length === 0 ? null : { batch: merged, frames: used };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}

function countsOf(batch: SignalBatch): SignalCounts {
  return { spans: batch.spans.length, logs: batch.logs.length, metrics: batch.metrics.length };
}

function parseBatch(payload: Buffer): SignalBatch | null {
  try {
    const v = JSON.parse(payload.toString('utf8')) as Partial<SignalBatch>;
    if (!Array.isArray(v.spans) || !Array.isArray(v.logs) || !Array.isArray(v.metrics)) return null;
    return v as SignalBatch;
  } catch {
    return null;
  }
}
