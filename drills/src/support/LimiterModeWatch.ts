/** ModeChange is when the gateway's gateway_limiter_mode metric was first seen at a mode. */
export interface ModeChange {
  at: number;
  mode: string;
}

/**
 * LimiterModeWatch polls the gateway's /metrics and records every change of gateway_limiter_mode, so the drill can
 * say how long the gateway took to fall back and to return to Redis (to within the poll interval).
 */
export class LimiterModeWatch {
  readonly changes: ModeChange[] = [];
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  private constructor(
    private readonly metricsUrl: string,
    readonly intervalMs: number,
  ) {}

  /** start polls every intervalMs until stop. */
  static start(adminUrl: string, intervalMs = 50): LimiterModeWatch {
    const w = new LimiterModeWatch(`${adminUrl}/metrics`, intervalMs);
    w.timer = setInterval(() => void w.poll(), intervalMs);
    return w;
  }

  /** current is the last mode seen. */
  current(): string | undefined {
    return this.changes.at(-1)?.mode;
  }

  /** firstAfter is the first change to mode at or after a moment. */
  firstAfter(mode: string, at: number): ModeChange | undefined {
    return this.changes.find((c) => c.mode === mode && c.at >= at);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const res = await fetch(this.metricsUrl, { signal: AbortSignal.timeout(1_000) });
      const text = await res.text();
      const mode = /^gateway_limiter_mode\{mode="([a-z]+)"[^}]*\} 1$/m.exec(text)?.[1];
      if (mode && mode !== this.current()) this.changes.push({ at: Date.now(), mode });
    } catch {
      // A missed scrape only widens the measured interval; the next poll tries again.
    } finally {
      this.polling = false;
    }
  }
}
