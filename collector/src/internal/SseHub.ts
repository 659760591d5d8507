import type { Request, Response } from 'express';
import type { RollupEvents } from '../processors/rollups/RollupEvents';

/** SSE_HEARTBEAT_MS is how often an idle event stream gets a comment line, so proxies keep it open. */
export const SSE_HEARTBEAT_MS = 15_000;

/**
 * SSE_MAX_UNSENT_BYTES is how much one stream may have waiting in the collector for a client that stopped reading
 * (kernel buffers full) before it is cut off: some half an hour of flushes of a few tenants. The api reconnects.
 */
export const SSE_MAX_UNSENT_BYTES = 1024 * 1024;

/**
 * SseHub serves the Server-Sent Events stream of rollup flushes and ends every stream on close. A stream whose
 * client stops reading is destroyed once SSE_MAX_UNSENT_BYTES wait for it, so it cannot hold memory without bound.
 */
export class SseHub {
  private readonly streams = new Set<Response>();

  constructor(
    private readonly events: RollupEvents,
    private readonly heartbeatMs = SSE_HEARTBEAT_MS,
    private readonly maxUnsentBytes = SSE_MAX_UNSENT_BYTES,
  ) {}

  /** handle turns the response into an event stream: `event: rollups` after each flush, a heartbeat comment between. */
  handle = (req: Request, res: Response): void => {
    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.write(': connected\n\n');
    const send = (text: string): void => {
      // What the socket has not taken yet stays in memory: past the bound, the client is not reading.
      if (res.writableLength > this.maxUnsentBytes) res.destroy();
      else res.write(text);
    };
    const unsubscribe = this.events.subscribe((event) => {
      send(`event: rollups\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => send(': heartbeat\n\n'), this.heartbeatMs);
    this.streams.add(res);
    req.socket.setTimeout(0);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.streams.delete(res);
    });
  };

  /** closeAll ends every open stream, so the server can stop without waiting for clients. */
  closeAll(): void {
    for (const res of this.streams) res.end();
  }
}
