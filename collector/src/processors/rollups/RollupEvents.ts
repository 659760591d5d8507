import type { RollupsFlushedEvent } from '@sightline/contracts';

/** RollupListener receives every RollupsFlushedEvent. */
export type RollupListener = (event: RollupsFlushedEvent) => void;

/** RollupEvents is the in-process hub that announces rollup flushes to subscribers (the SSE stream). */
export class RollupEvents {
  private readonly listeners = new Set<RollupListener>();

  /** subscribe adds a listener and returns the function that removes it. */
  subscribe(listener: RollupListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** publish delivers the event to every listener; one failing listener does not stop the others. */
  publish(event: RollupsFlushedEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (e.g. a closed socket) must not break the flush loop.
      }
    }
  }
}
