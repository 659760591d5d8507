import type { Logger } from 'pino';
import { PeriodicTask } from '@sightline/telemetry';
import type { CollectorStore } from '../../store/CollectorStore';
import type { RollupAccumulator } from './RollupAccumulator';
import type { RollupsFlushedEvent } from '@sightline/contracts';

/** RollupFlusherOptions configures a RollupFlusher. */
export interface RollupFlusherOptions {
  accumulator: RollupAccumulator;
  store: CollectorStore;
  /** Where a flush is announced: the replica's hub, or a RollupBroadcast that also tells the other replicas. */
  events: { publish(event: RollupsFlushedEvent): void };
  logger: Logger;
  intervalMs: number;
  onFlushError?: () => void;
}

/** RollupFlusher writes pending rollup deltas to Postgres on a timer and announces the tenants it touched. */
export class RollupFlusher {
  private readonly task: PeriodicTask;

  constructor(private readonly options: RollupFlusherOptions) {
    this.task = new PeriodicTask(() => this.flushOnce(), options.intervalMs);
  }

  /** start begins flushing every intervalMs. */
  start(): void {
    this.task.start();
  }

  /**
   * flush writes what is pending now; a failed write puts the deltas back so nothing is lost. One flush at a time:
   * a slow database must not pile up concurrent upserts of the same rows.
   */
  flush(): Promise<void> {
    return this.task.run();
  }

  /** stop ends the timer and makes a last flush. */
  stop(): Promise<void> {
    return this.task.stop();
  }

  private async flushOnce(): Promise<void> {
    const { accumulator, store, events, logger } = this.options;
    if (accumulator.size === 0) return;
    const deltas = accumulator.take();
    try {
      await store.addRollups(deltas);
    } catch (err) {
      accumulator.restore(deltas);
      this.options.onFlushError?.();
      logger.warn({ err, pending: deltas.length }, 'rollup flush failed; deltas kept for the next try');
      return;
    }
    const tenants = [...new Set(deltas.map((d) => d.tenantId))].sort();
    events.publish({ tenants, at: new Date().toISOString() });
  }
}
