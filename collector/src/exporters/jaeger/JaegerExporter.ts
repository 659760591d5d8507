import { OTLP_TYPES } from '../../otlp/otlpRoot';
import type { SignalBatch } from '../../otlp/records';
import type { ExportResult, ExportSignal, Exporter } from '../Exporter';
import { EXPORT_SUCCESS, exportFailure, parseRetryAfter, retryableStatus } from '../Exporter';
import { toOtlpTraceRequest } from './toOtlpTraceRequest';

/** JaegerExporterOptions configures a JaegerExporter. */
export interface JaegerExporterOptions {
  /** Jaeger's OTLP/HTTP traces endpoint, e.g. http://jaeger:4318/v1/traces. */
  url: string;
  timeoutMs: number;
}

/** JaegerExporter forwards spans to Jaeger as OTLP/HTTP protobuf, encoded with the otlp-transformer 0.52.1 root. */
export class JaegerExporter implements Exporter {
  readonly name = 'jaeger';
  readonly signals: ReadonlySet<ExportSignal> = new Set(['spans']);

  constructor(private readonly options: JaegerExporterOptions) {}

  start(): Promise<ExportResult> {
    return Promise.resolve(EXPORT_SUCCESS);
  }

  async export(batch: SignalBatch): Promise<ExportResult> {
    if (batch.spans.length === 0) return EXPORT_SUCCESS;
    let body: Uint8Array;
    try {
      const type = OTLP_TYPES.traces.request;
      body = type.encode(type.fromObject(toOtlpTraceRequest(batch.spans))).finish();
    } catch (err) {
      return exportFailure(`cannot encode spans: ${(err as Error).message}`, false);
    }
    let res: Response;
    try {
      res = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf' },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      return exportFailure(`jaeger unreachable: ${(err as Error).message}`, true);
    }
    await res.arrayBuffer().catch(() => undefined);
    if (res.ok) return EXPORT_SUCCESS;
    return exportFailure(
      `jaeger answered ${res.status}`,
      retryableStatus(res.status),
      parseRetryAfter(res.headers.get('retry-after')),
    );
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
