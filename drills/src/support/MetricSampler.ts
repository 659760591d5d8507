import { scrapeSum } from './scrapeSum';

/** MetricSample is one scrape of one metric of one service. */
export interface MetricSample {
  name: string;
  at: number;
  value: number;
}

/**
 * MetricSampler scrapes one metric from named services' /metrics at a fixed interval (nodejs_heap_live_bytes, say),
 * keeping finite readings only: a service that has not yet reported it, or did not answer, adds nothing.
 */
export class MetricSampler {
  readonly samples: MetricSample[] = [];
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly metric: string,
    private readonly targets: Record<string, string>,
    intervalMs: number,
  ) {
    void this.sample();
    this.timer = setInterval(() => void this.sample(), intervalMs);
  }

  /** start scrapes at once and then every intervalMs; targets maps a service's name to its metrics URL. */
  static start(metric: string, targets: Record<string, string>, intervalMs: number): MetricSampler {
    return new MetricSampler(metric, targets, intervalMs);
  }

  /** stop ends sampling. */
  stop(): void {
    clearInterval(this.timer);
  }

  /** values lists one service's readings taken in [fromMs, toMs). */
  values(name: string, fromMs = 0, toMs = Infinity): number[] {
    return this.samples.filter((s) => s.name === name && s.at >= fromMs && s.at < toMs).map((s) => s.value);
  }

  private async sample(): Promise<void> {
    const at = Date.now();
    await Promise.all(
      Object.entries(this.targets).map(async ([name, url]) => {
        const value = await scrapeSum(url, this.metric).catch(() => NaN);
        if (Number.isFinite(value) && value > 0) this.samples.push({ name, at, value });
      }),
    );
  }
}
