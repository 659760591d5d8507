import type { SignalBatch } from '../otlp/records';
import type { ExportResult, ExportSignal, Exporter } from './Exporter';
import { EXPORT_SUCCESS } from './Exporter';

/** InMemoryExporter keeps every exported batch in memory; tests script its answers with `respond`. */
export class InMemoryExporter implements Exporter {
  readonly batches: SignalBatch[] = [];
  readonly signals: ReadonlySet<ExportSignal>;
  /** respond decides each export's result; by default every export succeeds. */
  respond: (batch: SignalBatch) => ExportResult = () => EXPORT_SUCCESS;

  constructor(
    readonly name = 'memory',
    signals: readonly ExportSignal[] = ['spans', 'logs', 'metrics'],
  ) {
    this.signals = new Set(signals);
  }

  start(): Promise<ExportResult> {
    return Promise.resolve(EXPORT_SUCCESS);
  }

  export(batch: SignalBatch): Promise<ExportResult> {
    const result = this.respond(batch);
    if (result.kind === 'success') this.batches.push(batch);
    return Promise.resolve(result);
  }

  /** spans lists every span exported so far. */
  get spans(): SignalBatch['spans'] {
    return this.batches.flatMap((b) => b.spans);
  }

  /** logs lists every log record exported so far. */
  get logs(): SignalBatch['logs'] {
    return this.batches.flatMap((b) => b.logs);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
