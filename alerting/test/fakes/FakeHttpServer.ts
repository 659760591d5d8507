import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { Socket } from 'node:net';

/** FakeAnswer is one scripted answer: a status, optionally with headers and a body (JSON unless a string). */
export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** FakeRequest is a request as a fake received it. */
export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

/** FakeViolation is a request that broke the receiving service's published contract. */
export interface FakeViolation {
  reason: string;
  errors: string[];
  request: FakeRequest;
}

// Bigger than any limit a fake enforces (PagerDuty's 512 KB), so the fake can say "too big" itself.
const MAX_READ = 2 * 1024 * 1024;

/**
 * FakeHttpServer is the shared base of the HTTP fakes: a node:http server on 127.0.0.1 and a random port, a queue of
 * scripted answers, a hang mode for timeout tests, and the list of contract violations.
 */
export abstract class FakeHttpServer {
  readonly violations: FakeViolation[] = [];
  readonly requests: FakeRequest[] = [];
  /** hang makes the fake accept requests and never answer. */
  hang = false;
  private readonly answers: FakeAnswer[] = [];
  private server: Server | undefined;
  private port = 0;

  /** baseUrl is http://127.0.0.1:<port>, once started. */
  get baseUrl(): string {
    if (!this.server) throw new Error('fake not started');
    return `http://127.0.0.1:${this.port}`;
  }

  /** script queues answers (a bare number is that status) given, in order, after the contract checks pass. */
  script(...answers: (number | FakeAnswer)[]): this {
    this.answers.push(...answers.map((a) => (typeof a === 'number' ? { status: a } : a)));
    return this;
  }

  /** start listens on 127.0.0.1 and a random port. */
  async start(): Promise<this> {
    const server = createServer((req, res) => {
      void this.receive(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
    return this;
  }

  /** close stops the server, dropping hung connections. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  protected abstract handle(request: FakeRequest, res: ServerResponse): void;

  /** nextScripted takes the next scripted answer, if any. */
  protected nextScripted(): FakeAnswer | undefined {
    return this.answers.shift();
  }

  protected violate(request: FakeRequest, reason: string, errors: string[] = []): void {
    this.violations.push({ reason, errors, request });
  }

  protected send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
    res.writeHead(status, { 'content-type': type, ...headers });
    res.end(text);
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size <= MAX_READ) chunks.push(chunk);
      }
    } catch {
      // The client gave up mid-body (a notifier's timeout): there is nobody left to answer.
      return;
    }
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      raw: Buffer.concat(chunks),
    };
    this.requests.push(request);
    if (this.hang) return;
    this.handle(request, res);
  }
}

/** freePort finds a loopback port nobody listens on (for "connection refused" tests). */
export async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** SilentServer accepts TCP connections and never says a word: neither an HTTP answer nor an SMTP greeting. */
export interface SilentServer {
  port: number;
  close(): Promise<void>;
}

/** startSilentServer starts a SilentServer on 127.0.0.1 (for timeout tests). */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
