// Not re-exported by the package's index (yet); see the drills README note.
import { registerExitCleanup } from '@sightline/testing';

/** CleanupStep undoes one thing a drill started: `close` when the drill ends, `onExit` if the process dies first. */
export interface CleanupStep {
  close: () => Promise<void> | void;
  /** onExit runs synchronously while the process goes away, so it may only kill and remove, never await. */
  onExit: () => void;
}

/**
 * CleanupStack closes what a drill started in reverse order, and kills it from a process exit hook when the drill
 * never reaches its own cleanup (a crash, a timeout, Ctrl-C), so no redis-server, postgres or gateway outlives it.
 */
export class CleanupStack {
  private readonly steps: { step: CleanupStep; unregister: () => void }[] = [];

  /** push adds a step; the last pushed is closed first. */
  push(step: CleanupStep): void {
    this.steps.push({ step, unregister: registerExitCleanup(step.onExit) });
  }

  /** closeAll closes every step, even when one of them fails, and reports the first failure. */
  async closeAll(): Promise<void> {
    let first: unknown;
    while (this.steps.length > 0) {
      const { step, unregister } = this.steps.pop()!;
      try {
        await step.close();
      } catch (err) {
        first ??= err;
        try {
          step.onExit();
        } catch {
          // The hard path is the last resort; nothing more can be done for this step.
        }
      }
      unregister();
    }
    if (first !== undefined) throw first;
  }
}
