/** MetricSample is one scrape of one service: the value of each sampled metric, all read from the same exposition. */
export interface MetricSample {
  name: string;
  at: number;
  values: Record<string, number>;
}

/**
 * MetricSampler scrapes metrics from named services' /metrics at a fixed interval (nodejs_heap_live_bytes, say),
 * reading every sampled metric from the same exposition, so figures derived from two of them (RSS less the V8 heap)
 * describe one instant. A scrape that lacks a metric, or a service that did not answer, adds nothing.
 */
export class MetricSampler {
  readonly samples: MetricSample[] = [];
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly metrics: readonly string[],
    private readonly targets: Record<string, string>,
    intervalMs: number,
  ) {
    void this.sample();
    this.timer = setInterval(() => void this.sample(), intervalMs);
  }

  /** start scrapes at once and then every intervalMs; targets maps a service's name to its metrics URL. */
  static start(
    metrics: readonly string[],
    targets: Record<string, string>,
    intervalMs: number,
  ): MetricSampler {
    return new MetricSampler(metrics, targets, intervalMs);
  }

  /** stop ends sampling. */
  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * values lists one service's readings taken in [fromMs, toMs): of one metric, or of a figure derived from all of a
   * scrape's metrics.
   */
  values(
    name: string,
    read: string | ((values: Record<string, number>) => number),
    fromMs = 0,
    toMs = Infinity,
  ): number[] {
    const pick = typeof read === 'string' ? (v: Record<string, number>) => v[read] ?? NaN : read;
    return this.samples
      .filter((s) => s.name === name && s.at >= fromMs && s.at < toMs)
      .map((s) => pick(s.values))
      .filter((v) => Number.isFinite(v));
  }

  private async sample(): Promise<void> {
    const at = Date.now();
    await Promise.all(
      Object.entries(this.targets).map(async ([name, url]) => {
        const text = await fetchExposition(url).catch(() => '');
        const values: Record<string, number> = {};
        for (const metric of this.metrics) {
          const value = sumOf(text, metric);
          if (Number.isFinite(value) && value > 0) values[metric] = value;
        }
        if (Object.keys(values).length === this.metrics.length) this.samples.push({ name, at, values });
      }),
    );
  }
}

/** fetchExposition reads a Prometheus text exposition. */
export async function fetchExposition(metricsUrl: string): Promise<string> {
  return (await fetch(metricsUrl)).text();
}

/** sumOf adds up every sample of a metric in a Prometheus text exposition whose labels include the given ones. */
export function sumOf(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/([a-zA-Z_]+)="([^"]*)"/g)].map((l) => [l[1], l[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[3]);
  }
  return sum;
}
