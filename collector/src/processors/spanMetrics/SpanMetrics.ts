import { LATENCY_BUCKETS_MS } from '@sightline/contracts';
import type { Registry } from 'prom-client';
import { Counter, Histogram } from 'prom-client';
import type { SignalBatch } from '../../otlp/records';
import type { CommitObserver } from '../Processor';

const SERVER_KIND = 2;
const OVERFLOW = '__overflow__';
// The same bounds as the gateway histogram and the SLI rollups, so span latencies read against a tier's p99
// target (300 ms for enterprise) land on a bound instead of between two.
const DURATION_BUCKETS_S = LATENCY_BUCKETS_MS.map((ms) => ms / 1000);
type Label = 'tenant' | 'service' | 'route' | 'status';

/**
 * SpanMetrics counts committed SERVER spans into calls and a duration histogram per tenant, service, route and
 * status class. Past maxSeries distinct label sets, new ones are folded into one `__overflow__` series.
 */
export class SpanMetrics implements CommitObserver {
  readonly name = 'spanmetrics';
  private readonly calls: Counter<Label>;
  private readonly duration: Histogram<Label>;
  private readonly series = new Set<string>();

  constructor(
    registry: Registry,
    private readonly maxSeries: number,
  ) {
    this.calls = new Counter({
      name: 'collector_spanmetrics_calls_total',
      help: 'Server spans received, by tenant, service, route and status class.',
      labelNames: ['tenant', 'service', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'collector_spanmetrics_duration_seconds',
      help: 'Duration of server spans, by tenant, service, route and status class.',
      labelNames: ['tenant', 'service', 'route', 'status'],
      buckets: DURATION_BUCKETS_S,
      registers: [registry],
    });
  }

  observe(batch: SignalBatch): void {
    for (const span of batch.spans) {
      if (span.kind !== SERVER_KIND) continue;
      const labels = this.bounded({
        tenant: span.tenantId,
        service: span.service,
        route: routeOf(span.attributes['http.route']),
        status: statusOf(span.attributes['http.response.status_code'], span.statusCode),
      });
      this.calls.inc(labels);
      this.duration.observe(labels, span.durationMs / 1000);
    }
  }

  private bounded(labels: Record<Label, string>): Record<Label, string> {
    const key = `${labels.tenant}\u0000${labels.service}\u0000${labels.route}\u0000${labels.status}`;
    if (this.series.has(key)) return labels;
    if (this.series.size < this.maxSeries) {
      this.series.add(key);
      return labels;
    }
    return { tenant: OVERFLOW, service: OVERFLOW, route: OVERFLOW, status: OVERFLOW };
  }
}

function routeOf(value: unknown): string {
  // Only the templated route is used: a raw path or span name would put ids into label values.
  return typeof value === 'string' && value.length > 0 ? value.slice(0, 128) : 'unknown';
}

function statusOf(httpStatus: unknown, spanStatus: number): string {
  const n = typeof httpStatus === 'string' ? Number(httpStatus) : httpStatus;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 100 && n <= 599) return `${Math.floor(n / 100)}xx`;
  return spanStatus === 2 ? 'error' : 'ok';
}
