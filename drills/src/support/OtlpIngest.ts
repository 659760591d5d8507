import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';

/** OtlpSignal is what one ingest request carries. */
export type OtlpSignal = 'traces' | 'logs';

/** OtlpIngestOptions says where to send, how often, and how many records each request carries. */
export interface OtlpIngestOptions {
  /** baseUrl is the collector's base URL; requests go to /v1/traces and /v1/logs. */
  baseUrl: string;
  /** requestsPerSecond for each signal. */
  requestsPerSecond: Record<OtlpSignal, number>;
  recordsPerRequest: number;
  service: string;
  tenant: string;
  timeoutMs?: number;
}

/** OtlpRequestOutcome is one ingest request: when, what it carried and how it ended (status 0: no HTTP answer). */
export interface OtlpRequestOutcome {
  signal: OtlpSignal;
  sentAt: number;
  status: number;
  records: number;
  /** rejected is what the collector's partialSuccess said it refused. */
  rejected: number;
  latencyMs: number;
  /** error is the client-side error code of a request that got no HTTP answer. */
  error?: string;
}

const TICK_MS = 10;
const MAX_IN_FLIGHT = 64;

/**
 * OtlpIngest posts OTLP/JSON spans and logs to a collector at a fixed rate (open loop), each record with an id of its
 * own (span: its span id; log: its body), and keeps the ids of every record a 2xx acknowledged without rejecting it,
 * with the time of the acknowledgement, so a drill can match what went in against what came out at each exporter.
 */
export class OtlpIngest {
  readonly outcomes: OtlpRequestOutcome[] = [];
  /** acked maps each acknowledged record id to the epoch ms of its 2xx. */
  readonly acked: Record<OtlpSignal, Map<string, number>> = { traces: new Map(), logs: new Map() };
  /** skipped counts requests not sent because MAX_IN_FLIGHT requests were still waiting for an answer. */
  skipped = 0;
  /** resent counts requests sent again after a kept-alive socket was reset under them. */
  resent = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
  // Letters at fixed places: an id of decimal digits only could pass for a card number, which redaction masks.
  private readonly prefix = `d${randomBytes(3).toString('hex')}e`;
  private readonly carry: Record<OtlpSignal, number> = { traces: 0, logs: 0 };
  private seq = 0;
  private inFlight = 0;
  private last = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private readonly drained: (() => void)[] = [];

  private constructor(private readonly o: OtlpIngestOptions) {}

  /** start begins sending at once. */
  static start(o: OtlpIngestOptions): OtlpIngest {
    const ingest = new OtlpIngest(o);
    ingest.timer = setInterval(() => ingest.tick(), TICK_MS);
    return ingest;
  }

  /** stop sends nothing more and resolves once every request in flight has ended. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.inFlight > 0) await new Promise<void>((r) => this.drained.push(r));
    this.agent.destroy();
  }

  /** logBodyId is the record id carried in a log body, or undefined for a body that is not the drill's. */
  static logBodyId(body: unknown): string | undefined {
    return typeof body === 'string' && body.startsWith('drill log ')
      ? body.slice('drill log '.length)
      : undefined;
  }

  private tick(): void {
    const now = Date.now();
    // After a stall of the drill's event loop, catch up; a fixed rate means the same number of requests overall.
    const dt = now - this.last;
    this.last = now;
    for (const signal of ['traces', 'logs'] as const) {
      const due = this.carry[signal] + (this.o.requestsPerSecond[signal] * dt) / 1000;
      const n = Math.floor(due);
      this.carry[signal] = due - n;
      for (let i = 0; i < n; i++) this.send(signal, now);
    }
  }

  private nextId(): string {
    // 16 hex digits: a span id. The run's random prefix keeps ids of two runs apart.
    return `${this.prefix}${(this.seq++).toString(16).padStart(8, '0')}`;
  }

  private body(signal: OtlpSignal, now: number): { json: string; ids: string[] } {
    const ids = Array.from({ length: this.o.recordsPerRequest }, () => this.nextId());
    const traceId = randomBytes(16).toString('hex');
    const startNs = BigInt(now) * 1_000_000n;
    const resource = {
      attributes: [
        { key: 'service.name', value: { stringValue: this.o.service } },
        { key: 'tenant.id', value: { stringValue: this.o.tenant } },
      ],
    };
    if (signal === 'traces') {
      const spans = ids.map((spanId, i) => ({
        traceId,
        spanId,
        name: `drill.Ingest.op${i % 4}`,
        kind: 2,
        startTimeUnixNano: startNs.toString(),
        endTimeUnixNano: (startNs + 2_000_000n).toString(),
        attributes: [{ key: 'http.response.status_code', value: { intValue: 200 } }],
      }));
      return {
        json: JSON.stringify({
          resourceSpans: [{ resource, scopeSpans: [{ scope: { name: 'drill' }, spans }] }],
        }),
        ids,
      };
    }
    const logRecords = ids.map((id) => ({
      timeUnixNano: startNs.toString(),
      severityNumber: 9,
      severityText: 'INFO',
      body: { stringValue: `drill log ${id}` },
      traceId,
    }));
    return {
      json: JSON.stringify({
        resourceLogs: [{ resource, scopeLogs: [{ scope: { name: 'drill' }, logRecords }] }],
      }),
      ids,
    };
  }

  private send(signal: OtlpSignal, now: number): void {
    if (this.inFlight >= MAX_IN_FLIGHT) {
      this.skipped++;
      return;
    }
    this.inFlight++;
    const { json, ids } = this.body(signal, now);
    let done = false;
    const started = performance.now();
    const finish = (status: number, answer: string, error?: string) => {
      if (done) return;
      done = true;
      const rejected = status >= 200 && status < 300 ? rejectedIn(answer) : 0;
      this.outcomes.push({
        signal,
        sentAt: now,
        status,
        records: ids.length,
        rejected,
        latencyMs: performance.now() - started,
        error,
      });
      if (status >= 200 && status < 300 && rejected === 0) {
        const at = Date.now();
        for (const id of ids) this.acked[signal].set(id, at);
      }
      if (--this.inFlight === 0) for (const r of this.drained.splice(0)) r();
    };
    const attempt = (resend: boolean) => {
      const req = request(
        `${this.o.baseUrl}/v1/${signal}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) },
          agent: this.agent,
          timeout: this.o.timeoutMs ?? 10_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => finish(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
          res.on('error', (err: NodeJS.ErrnoException) => finish(0, '', err.code ?? err.message));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (err: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed as the request went out (Node's documented race): the request never
        // reached the server, and every HTTP client (OTLP exporters included) sends it again on a new socket.
        if (resend && req.reusedSocket && err.code === 'ECONNRESET') {
          this.resent++;
          attempt(false);
        } else finish(0, '', err.code ?? err.message);
      });
      req.end(json);
    };
    attempt(true);
  }
}

// A 2xx may still refuse records (OTLP partialSuccess); those were never acknowledged.
function rejectedIn(answer: string): number {
  try {
    const p = (JSON.parse(answer) as { partialSuccess?: Record<string, unknown> }).partialSuccess;
    return Number(p?.rejectedSpans ?? 0) + Number(p?.rejectedLogRecords ?? 0);
  } catch {
    return 0;
  }
}
