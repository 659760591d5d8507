import type { Counter, Gauge, Histogram } from 'prom-client';
import type { GatewayMetrics } from './createGatewayMetrics';

type CounterChild = ReturnType<Counter['labels']>;
type HistogramChild = ReturnType<Histogram['labels']>;
type GaugeChild = ReturnType<Gauge['labels']>;

/**
 * MetricChildren caches prom-client label children per label combination, so the hot path does one Map lookup
 * instead of hashing a label object on every request.
 */
export class MetricChildren {
  private readonly requests = new Map<string, CounterChild>();
  private readonly durations = new Map<string, HistogramChild>();
  private readonly decisions = new Map<string, CounterChild>();
  private readonly usages = new Map<string, GaugeChild>();

  constructor(private readonly metrics: GatewayMetrics) {}

  /** request counts one answered request and observes its duration. */
  request(tenant: string, route: string, code: number, seconds: number): void {
    const key = `${tenant}\u0000${route}\u0000${code}`;
    let c = this.requests.get(key);
    if (!c) {
      c = this.metrics.requests.labels(tenant, route, String(code));
      this.requests.set(key, c);
    }
    c.inc();
    const dkey = `${tenant}\u0000${route}`;
    let h = this.durations.get(dkey);
    if (!h) {
      h = this.metrics.duration.labels(tenant, route);
      this.durations.set(dkey, h);
    }
    h.observe(seconds);
  }

  /** decision counts one rate-limit decision. */
  decision(tenant: string, decision: string, limitType: string): void {
    const key = `${tenant}\u0000${decision}\u0000${limitType}`;
    let c = this.decisions.get(key);
    if (!c) {
      c = this.metrics.decisions.labels(tenant, decision, limitType);
      this.decisions.set(key, c);
    }
    c.inc();
  }

  /** usage sets a tenant's usage ratio. */
  usage(tenant: string, ratio: number): void {
    let g = this.usages.get(tenant);
    if (!g) {
      g = this.metrics.usage.labels(tenant);
      this.usages.set(tenant, g);
    }
    g.set(ratio);
  }
}
