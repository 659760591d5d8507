import type { SignalBatch } from '../otlp/records';

/** ProcessContext is what a processor knows about the request beyond its records. */
export interface ProcessContext {
  /** The tenant of the collector API key the sender authenticated with, if any. */
  apiKeyTenant: string | null;
}

/** Processor is one stage that transforms a batch before anything is stored or exported. */
export interface Processor {
  readonly name: string;
  process(batch: SignalBatch, context: ProcessContext): SignalBatch;
}

/** CommitObserver is a stage that sees a batch only once the durable store has committed it. */
export interface CommitObserver {
  readonly name: string;
  observe(batch: SignalBatch): void;
}
