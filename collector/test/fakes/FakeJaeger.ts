import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OTLP_TYPES } from '../../src/otlp/otlpRoot';

/** ReceivedSpan is what the fake keeps of each span it decoded. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  name: string;
  attributes: Record<string, unknown>;
}

/**
 * FakeJaeger is Jaeger's OTLP/HTTP receiver as far as the contract goes: POST /v1/traces with
 * `application/x-protobuf` that decodes as an ExportTraceServiceRequest with the 0.52.1 root; anything else is 400.
 * It can be taken down and brought back on the same port to play an outage.
 */
export class FakeJaeger {
  readonly spans: ReceivedSpan[] = [];
  readonly rejected: string[] = [];
  private server: Server | null = null;
  port = 0;

  /** start listens (on the previous port after a stop). */
  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** stop closes the listener and every connection, so the collector sees connection errors. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** url is the traces endpoint. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/v1/traces`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const refuse = (why: string): void => {
      this.rejected.push(why);
      res.writeHead(400, { 'content-type': 'text/plain' }).end(why);
    };
    if (req.method !== 'POST' || req.url !== '/v1/traces')
      return refuse(`unexpected ${req.method} ${req.url}`);
    if (req.headers['content-type'] !== 'application/x-protobuf')
      return refuse('content type must be protobuf');
    let decoded: Record<string, unknown>;
    try {
      const type = OTLP_TYPES.traces.request;
      decoded = type.toObject(type.decode(body), { longs: String, bytes: String });
    } catch (err) {
      return refuse(`not an ExportTraceServiceRequest: ${(err as Error).message}`);
    }
    const spans: ReceivedSpan[] = [];
    for (const rs of (decoded.resourceSpans ?? []) as {
      scopeSpans?: { spans?: Record<string, unknown>[] }[];
    }[])
      for (const ss of rs.scopeSpans ?? [])
        for (const s of ss.spans ?? []) {
          const traceId = Buffer.from(String(s.traceId), 'base64').toString('hex');
          const spanId = Buffer.from(String(s.spanId), 'base64').toString('hex');
          if (traceId.length !== 32 || spanId.length !== 16) return refuse('span ids have the wrong length');
          const attributes: Record<string, unknown> = {};
          for (const kv of (s.attributes ?? []) as { key: string; value: Record<string, unknown> }[])
            attributes[kv.key] = Object.values(kv.value)[0];
          spans.push({ traceId, spanId, name: String(s.name), attributes });
        }
    this.spans.push(...spans);
    const response = OTLP_TYPES.traces.response;
    res
      .writeHead(200, { 'content-type': 'application/x-protobuf' })
      .end(Buffer.from(response.encode({}).finish()));
  }
}
