import type { Logger } from 'pino';

/** PollingLoopOptions configure a PollingLoop. */
export interface PollingLoopOptions<T> {
  /** pass is one round of work; its result decides (with `again`) how soon the next one runs. */
  pass: () => Promise<T>;
  intervalMs: number;
  logger: Logger;
  /** what names the loop in the log line of a failed pass. */
  what: string;
  /** again says whether to run the next pass at once (e.g. a full batch means more is due). */
  again?: (result: T) => boolean;
}

/**
 * PollingLoop runs a pass, then waits and runs it again, one pass at a time: the shape of the timer pass and of the
 * outbox worker. A failed pass is logged and retried at the next interval; `poke` brings the next pass forward.
 */
export class PollingLoop<T> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  /** constructor takes the options; nothing runs before start(). */
  constructor(private readonly o: PollingLoopOptions<T>) {}

  /** start runs the first pass at once. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** poke runs a pass soon unless one is running (which reschedules itself). */
  poke(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  /** stop cancels the next pass and waits for the one in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.o
        .pass()
        .then(
          (result) => (this.o.again?.(result) ? 0 : this.o.intervalMs),
          (err: unknown) => {
            this.o.logger.warn({ err }, `${this.o.what} failed`);
            return this.o.intervalMs;
          },
        )
        .then((next) => {
          this.running = null;
          this.schedule(next);
        });
    }, ms);
  }
}
