import type { InternalService } from '@sightline/http';
import type { SseMessage } from './SseParser';
import { SseParser } from './SseParser';

/** EventStreamLogger is the part of a logger CollectorEventStream needs. */
export interface EventStreamLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** CollectorEventStreamOptions configures CollectorEventStream. */
export interface CollectorEventStreamOptions {
  service: InternalService;
  onMessage: (message: SseMessage) => void;
  logger: EventStreamLogger;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/** CollectorEventStream follows the collector's /internal/v1/events stream, reconnecting with exponential backoff. */
export class CollectorEventStream {
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private connected = false;

  constructor(private readonly options: CollectorEventStreamOptions) {}

  /** start begins following the stream in the background. */
  start(): void {
    this.running ??= this.loop();
  }

  /** isConnected is true while a stream is open. */
  isConnected(): boolean {
    return this.connected;
  }

  /** close stops following the stream and waits for the loop to end. */
  async close(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    const min = this.options.minBackoffMs ?? 250;
    const max = this.options.maxBackoffMs ?? 10_000;
    let backoff = min;
    while (!this.abort.signal.aborted) {
      try {
        await this.follow();
      } catch (err) {
        if (this.abort.signal.aborted) break;
        this.options.logger.warn({ err: describe(err), retryInMs: backoff }, 'collector event stream failed');
      }
      // A stream that was open for a while earns a fresh, short backoff however it ended.
      if (this.connected) backoff = min;
      this.connected = false;
      if (this.abort.signal.aborted) break;
      await sleep(backoff + Math.floor(Math.random() * (backoff / 4)), this.abort.signal);
      backoff = Math.min(max, backoff * 2);
    }
  }

  private async follow(): Promise<void> {
    const res = await this.options.service.fetch('/internal/v1/events', {
      headers: { accept: 'text/event-stream' },
      signal: this.abort.signal,
    });
    if (res.status !== 200 || !res.body) {
      await res.body?.cancel();
      throw new StreamRefusedError(`collector answered ${res.status}`);
    }
    this.connected = true;
    this.options.logger.info({}, 'following collector events');
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const message of parser.push(decoder.decode(value, { stream: true })))
        this.options.onMessage(message);
    }
  }
}

/** StreamRefusedError is raised when the collector answers the event stream with a non-200 status. */
export class StreamRefusedError extends Error {
  override readonly name = 'StreamRefusedError';
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string } };
  return [e?.name, e?.message, e?.cause?.code].filter(Boolean).join(': ');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
