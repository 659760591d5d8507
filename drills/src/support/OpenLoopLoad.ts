import { Agent, request } from 'node:http';

/** LoadSample is one request the generator meant to send: when, for which stream, and how it ended. */
export interface LoadSample {
  stream: string;
  /** sentAt is the epoch ms the request was sent (or skipped). */
  sentAt: number;
  /**
   * status is the HTTP status, 0 when the request failed without one, -1 when the in-flight bound skipped it, -2 when
   * the generator's own event loop stalled past its catch-up allowance and never sent it.
   */
  status: number;
  latencyMs: number;
  error?: string;
}

/** LoadStream is one client population: where it sends, with which headers, at how many requests per second. */
export interface LoadStream {
  name: string;
  url: string;
  headers: Record<string, string>;
  rps: number;
}

/** SKIPPED marks a request the in-flight bound kept from being sent: the target was answering too slowly. */
export const SKIPPED = -1;
/** STALLED marks a request the generator never sent because its own event loop stalled (the shared cores). */
export const STALLED = -2;

const TICK_MS = 5;
// After a stall of the drill's own event loop, catch up at most this much; the rest is counted as skipped.
const MAX_CATCH_UP_MS = 250;

/**
 * OpenLoopLoad sends each stream's requests at its set rate whatever the answers take (open loop, like real clients,
 * so a slow gateway faces a queue instead of a politely slowing load), bounded by a cap on requests in flight.
 */
export class OpenLoopLoad {
  readonly samples: LoadSample[] = [];
  private readonly agent: Agent;
  private readonly carry = new Map<string, number>();
  private readonly streams = new Map<string, LoadStream>();
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private last = Date.now();
  private readonly drained: (() => void)[] = [];

  private constructor(
    streams: readonly LoadStream[],
    private readonly maxInFlight: number,
    private readonly timeoutMs: number,
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
    for (const s of streams) this.streams.set(s.name, { ...s });
  }

  /**
   * start begins sending at once. maxSockets (default: maxInFlight) caps the connections; requests beyond it wait in
   * the client for a free one, their latency counted from when they were due, as a client's connection pool does.
   */
  static start(
    streams: readonly LoadStream[],
    options: { maxInFlight?: number; timeoutMs?: number; maxSockets?: number } = {},
  ): OpenLoopLoad {
    const maxInFlight = options.maxInFlight ?? 256;
    const load = new OpenLoopLoad(
      streams,
      maxInFlight,
      options.timeoutMs ?? 5_000,
      options.maxSockets ?? maxInFlight,
    );
    load.timer = setInterval(() => load.tick(), TICK_MS);
    return load;
  }

  /** setRate changes one stream's rate from now on. */
  setRate(stream: string, rps: number): void {
    const s = this.streams.get(stream);
    if (!s) throw new Error(`no load stream ${stream}`);
    s.rps = rps;
  }

  /** stop sends nothing more and resolves once every request in flight has ended. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.inFlight > 0) await new Promise<void>((r) => this.drained.push(r));
    this.agent.destroy();
  }

  private tick(): void {
    const now = Date.now();
    const dt = Math.min(now - this.last, MAX_CATCH_UP_MS);
    const lost = now - this.last - dt;
    this.last = now;
    for (const s of this.streams.values()) {
      const due = (this.carry.get(s.name) ?? 0) + (s.rps * dt) / 1000;
      const n = Math.floor(due);
      this.carry.set(s.name, due - n);
      for (let i = 0; i < n; i++) this.send(s, now);
      const skipped = Math.floor((s.rps * lost) / 1000);
      for (let i = 0; i < skipped; i++)
        this.samples.push({ stream: s.name, sentAt: now, status: STALLED, latencyMs: 0 });
    }
  }

  private send(s: LoadStream, now: number): void {
    if (this.inFlight >= this.maxInFlight) {
      this.samples.push({ stream: s.name, sentAt: now, status: SKIPPED, latencyMs: 0 });
      return;
    }
    this.inFlight++;
    const started = performance.now();
    let done = false;
    const finish = (status: number, error?: string) => {
      if (done) return;
      done = true;
      this.samples.push({
        stream: s.name,
        sentAt: now,
        status,
        latencyMs: performance.now() - started,
        error,
      });
      if (--this.inFlight === 0) for (const r of this.drained.splice(0)) r();
    };
    const req = request(s.url, { headers: s.headers, agent: this.agent, timeout: this.timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => finish(res.statusCode ?? 0));
      res.on('error', (err) => finish(0, err.message));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err: NodeJS.ErrnoException) => finish(0, err.code ?? err.message));
    req.end();
  }
}
