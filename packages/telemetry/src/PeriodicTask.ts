/**
 * PeriodicTask runs an async task every intervalMs, never two runs at once (a slow sink must not pile up
 * overlapping sends), and once more when stopped, so what was pending at shutdown is not left behind.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  /** `unref`: the timer alone does not keep the process alive. */
  constructor(
    private readonly task: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly unref = false,
  ) {}

  /** start begins the runs; starting twice changes nothing. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    if (this.unref) this.timer.unref();
  }

  /** run runs the task now, or joins the run in progress. */
  run(): Promise<void> {
    this.running ??= this.task().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** stop ends the timer, waits for a run in progress and makes a last one. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await this.run();
  }
}
