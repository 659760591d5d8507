import { PeriodicTask } from '@sightline/telemetry';
import {
  LATENCY_BUCKETS_MS,
  SLI_METRIC,
  SLI_SOURCE_ATTRIBUTE,
  latencyBucketIndex,
} from '@sightline/contracts';

/** SliExporterOptions configures an SliExporter. */
export interface SliExporterOptions {
  /** Collector base URL; points go to its /v1/metrics. */
  endpoint: string;
  service: string;
  /** service.instance.id of this replica. */
  instanceId: string;
  /** How often the pending points are sent (ms). */
  intervalMs: number;
  /** Most (tenant, status, 10 s bucket) cells held while the collector cannot take them; past it the oldest go. */
  maxPending?: number;
  /** Told of a failed send (the cells are kept, or dropped when the collector refused their content). */
  onExportError?: (err: Error) => void;
  /** Told of requests whose counts were dropped unsent. */
  onDrop?: (requests: number) => void;
  now?: () => number;
}

/** ROLLUP_BUCKET_MS is the collector's rollup bucket; a data point never spans two. */
const BUCKET_MS = 10_000;
const BOUNDS_SECONDS = `[${LATENCY_BUCKETS_MS.map((b) => b / 1000).join(',')}]`;

interface Cell {
  tenant: string;
  status: number;
  bucketStartMs: number;
  fromMs: number;
  toMs: number;
  count: number;
  sumSeconds: number;
  counts: number[];
}

/**
 * SliExporter sends the gateway's SLIs to the collector as OTLP metrics (ADR 0009): per tenant and status code, the
 * semantic-convention `http.server.request.duration` histogram in delta temporality, bucketed on the rollup latency
 * bounds, every `intervalMs`. A data point never spans two 10 s rollup buckets, so the collector adds it to the right
 * one. The counts do not depend on trace sampling. A send the collector could not take (network error, 429, 5xx) is
 * kept and merged into the next one; at most `maxPending` cells are held, oldest dropped first and counted.
 */
export class SliExporter {
  private cells = new Map<string, Cell>();
  private readonly url: string;
  private readonly resource: string;
  private readonly maxPending: number;
  private readonly now: () => number;
  private readonly task: PeriodicTask;

  constructor(private readonly options: SliExporterOptions) {
    this.url = `${options.endpoint.replace(/\/$/, '')}/v1/metrics`;
    this.maxPending = options.maxPending ?? 50_000;
    this.now = options.now ?? Date.now;
    this.resource =
      `{"attributes":[${stringAttr('service.name', options.service)},` +
      `${stringAttr('service.instance.id', options.instanceId)},${stringAttr(SLI_SOURCE_ATTRIBUTE, 'metrics')}]}`;
    this.task = new PeriodicTask(() => this.send(), options.intervalMs, true);
  }

  /** record counts one answered request of a tenant. */
  record(tenant: string, status: number, durationMs: number): void {
    const now = this.now();
    const bucketStartMs = now - (now % BUCKET_MS);
    const key = `${tenant}\u0000${status}\u0000${bucketStartMs}`;
    let c = this.cells.get(key);
    if (!c) {
      c = {
        tenant,
        status,
        bucketStartMs,
        fromMs: now,
        toMs: now,
        count: 0,
        sumSeconds: 0,
        counts: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0),
      };
      this.cells.set(key, c);
    }
    c.toMs = now;
    c.count++;
    c.sumSeconds += durationMs / 1000;
    c.counts[latencyBucketIndex(durationMs)]!++;
  }

  /** pending is the number of cells waiting to be sent. */
  get pending(): number {
    return this.cells.size;
  }

  /** start sends every intervalMs. */
  start(): void {
    this.task.start();
  }

  /** flush sends what is pending now; one send at a time. */
  flush(): Promise<void> {
    return this.task.run();
  }

  /** stop ends the timer and makes a last send. */
  stop(): Promise<void> {
    return this.task.stop();
  }

  private async send(): Promise<void> {
    if (this.cells.size === 0) return;
    const batch = [...this.cells.values()];
    this.cells = new Map();
    let status: number;
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: this.body(batch),
        signal: AbortSignal.timeout(Math.max(5_000, this.options.intervalMs * 5)),
      });
      status = res.status;
      await res.arrayBuffer();
    } catch (err) {
      this.keep(batch);
      this.options.onExportError?.(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    if (status >= 200 && status < 300) return;
    const error = new Error(`collector answered ${status} to the SLI metrics`);
    if (status === 429 || status >= 500) this.keep(batch);
    else this.options.onDrop?.(batch.reduce((n, c) => n + c.count, 0));
    this.options.onExportError?.(error);
  }

  /** keep merges unsent cells back with those recorded since, then drops the oldest buckets past maxPending. */
  private keep(batch: readonly Cell[]): void {
    for (const old of batch) {
      const key = `${old.tenant}\u0000${old.status}\u0000${old.bucketStartMs}`;
      const c = this.cells.get(key);
      if (!c) {
        this.cells.set(key, old);
        continue;
      }
      c.fromMs = Math.min(c.fromMs, old.fromMs);
      c.toMs = Math.max(c.toMs, old.toMs);
      c.count += old.count;
      c.sumSeconds += old.sumSeconds;
      old.counts.forEach((n, i) => (c.counts[i]! += n));
    }
    if (this.cells.size <= this.maxPending) return;
    const oldestFirst = [...this.cells].sort((x, y) => x[1].bucketStartMs - y[1].bucketStartMs);
    const drop = oldestFirst.length - Math.floor(this.maxPending * 0.9);
    let requests = 0;
    for (let i = 0; i < drop; i++) {
      const [key, cell] = oldestFirst[i]!;
      requests += cell.count;
      this.cells.delete(key);
    }
    this.options.onDrop?.(requests);
  }

  /** body renders an OTLP/JSON ExportMetricsServiceRequest with one histogram point per cell. */
  private body(batch: readonly Cell[]): string {
    const points = batch
      .map(
        (c) =>
          `{"attributes":[${stringAttr('tenant.id', c.tenant)},{"key":"http.response.status_code","value":{"intValue":"${c.status}"}}],` +
          `"startTimeUnixNano":"${c.fromMs}000000","timeUnixNano":"${c.toMs + 1}000000",` +
          `"count":"${c.count}","sum":${c.sumSeconds},"bucketCounts":[${c.counts.map((n) => `"${n}"`).join(',')}],` +
          `"explicitBounds":${BOUNDS_SECONDS}}`,
      )
      .join(',');
    return (
      `{"resourceMetrics":[{"resource":${this.resource},"scopeMetrics":[{"scope":{"name":"sightline.gateway.sli"},` +
      `"metrics":[{"name":"${SLI_METRIC}","unit":"s","histogram":{"aggregationTemporality":1,"dataPoints":[${points}]}}]}]}]}`
    );
  }
}

function stringAttr(key: string, value: string): string {
  return `{"key":${JSON.stringify(key)},"value":{"stringValue":${JSON.stringify(value)}}}`;
}
