import type { SloAlertEvent } from './SloAlertEvent';

/** SloAlertListener receives each stored alert event. */
export type SloAlertListener = (event: SloAlertEvent) => void;

/** SloAlertBus publishes stored alert events in process: to the SSE stream now, to the intake of issue 6 later. */
export class SloAlertBus {
  private readonly listeners = new Set<SloAlertListener>();

  /** subscribe adds a listener and returns how to remove it. */
  subscribe(listener: SloAlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** publish hands an event to every listener; a failing listener does not stop the others. */
  publish(event: SloAlertEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A listener's bug must not break evaluation; listeners log their own failures.
      }
    }
  }
}
