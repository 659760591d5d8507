import { PeriodicTask } from './PeriodicTask';
import type { DestinationStream } from 'pino';

/** OtlpLogShipperOptions configures OtlpLogShipper. */
export interface OtlpLogShipperOptions {
  service: string;
  /** Collector base URL, e.g. http://127.0.0.1:4318 */
  endpoint: string;
  flushIntervalMs?: number;
  maxBuffered?: number;
  /** Longest wait for the collector's answer to one batch (ms, default 10,000); a batch past it is dropped. */
  sendTimeoutMs?: number;
  onDrop?: (count: number) => void;
}

const SEVERITY: Record<string, number | undefined> = {
  trace: 1,
  debug: 5,
  info: 9,
  warn: 13,
  error: 17,
  fatal: 21,
};
const RESERVED = new Set(['level', 'time', 'msg', 'service', 'trace_id', 'span_id', 'pid', 'hostname']);

/**
 * OtlpLogShipper is a pino destination that batches JSON log lines and posts them to the collector
 * as OTLP/JSON logs. Lines are kept as strings on the hot path and parsed only when flushed. One batch is in flight
 * at a time, for at most `sendTimeoutMs`: a collector that stops answering holds one batch, and the lines written
 * meanwhile wait in the buffer (at most `maxBuffered`, oldest dropped and counted), so memory stays bounded.
 */
export class OtlpLogShipper implements DestinationStream {
  private buffer: string[] = [];
  private readonly task: PeriodicTask;
  private readonly url: string;
  private dropped = 0;

  constructor(private readonly options: OtlpLogShipperOptions) {
    this.url = `${options.endpoint.replace(/\/$/, '')}/v1/logs`;
    this.task = new PeriodicTask(() => this.send(), options.flushIntervalMs ?? 1000, true);
    this.task.start();
  }

  write(line: string): void {
    if (this.buffer.length >= (this.options.maxBuffered ?? 10_000)) {
      this.buffer.shift();
      this.dropped++;
      this.options.onDrop?.(1);
    }
    this.buffer.push(line);
  }

  /** droppedCount returns how many lines were dropped because the buffer was full. */
  droppedCount(): number {
    return this.dropped;
  }

  /** flush sends what is buffered now (after the batch in flight, if any); a failed send is dropped and counted. */
  async flush(): Promise<void> {
    await this.task.run();
    if (this.buffer.length > 0) await this.task.run();
  }

  private async send(): Promise<void> {
    if (this.buffer.length === 0) return;
    const lines = this.buffer;
    this.buffer = [];
    const body = otlpLogsJson(this.options.service, lines);
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.options.sendTimeoutMs ?? 10_000),
      });
      if (!res.ok) {
        this.dropped += lines.length;
        this.options.onDrop?.(lines.length);
      }
      await res.arrayBuffer();
    } catch {
      this.dropped += lines.length;
      this.options.onDrop?.(lines.length);
    }
  }

  /** close stops the timer and flushes what is left. */
  close(): Promise<void> {
    return this.task.stop();
  }
}

/** toOtlpLogs converts pino JSON lines into an OTLP/JSON ExportLogsServiceRequest (the parsed otlpLogsJson). */
export function toOtlpLogs(service: string, lines: string[]): unknown {
  return JSON.parse(otlpLogsJson(service, lines));
}

function anyValueJson(v: unknown): string {
  if (typeof v === 'boolean') return `{"boolValue":${v}}`;
  if (typeof v === 'number')
    return Number.isInteger(v) ? `{"intValue":"${v}"}` : `{"doubleValue":${JSON.stringify(v)}}`;
  if (typeof v === 'string') return `{"stringValue":${JSON.stringify(v)}}`;
  return `{"stringValue":${JSON.stringify(JSON.stringify(v))}}`;
}

/**
 * otlpLogsJson is JSON.stringify(toOtlpLogs(service, lines)) written directly as a string: the shipper flushes
 * every per-request access line, and the intermediate objects cost more than the parse they come from.
 */
function otlpLogsJson(service: string, lines: string[]): string {
  let records = '';
  for (const line of lines) {
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const level = String(rec.level ?? 'info');
    const timeMs = typeof rec.time === 'string' ? Date.parse(rec.time) : Number(rec.time ?? Date.now());
    let attributes = '';
    for (const k in rec) {
      const v = rec[k];
      if (RESERVED.has(k) || v === undefined || v === null) continue;
      attributes += `${attributes ? ',' : ''}{"key":${JSON.stringify(k === 'tenant_id' ? 'tenant.id' : k)},"value":${anyValueJson(v)}}`;
    }
    const severity = SEVERITY[level];
    records +=
      `${records ? ',' : ''}{"timeUnixNano":${JSON.stringify(`${timeMs}000000`)},` +
      `"severityNumber":${typeof severity === 'number' ? severity : 9},"severityText":${JSON.stringify(level.toUpperCase())},` +
      `"body":{"stringValue":${JSON.stringify(String(rec.msg ?? ''))}},"attributes":[${attributes}]` +
      (typeof rec.trace_id === 'string' ? `,"traceId":${JSON.stringify(rec.trace_id)}` : '') +
      (typeof rec.span_id === 'string' ? `,"spanId":${JSON.stringify(rec.span_id)}` : '') +
      '}';
  }
  return (
    `{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":${JSON.stringify(service)}}}]},` +
    `"scopeLogs":[{"scope":{"name":"sightline"},"logRecords":[${records}]}]}]}`
  );
}
