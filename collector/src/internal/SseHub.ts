import type { Request, Response } from 'express';
import type { RollupEvents } from '../processors/rollups/RollupEvents';

/** SSE_HEARTBEAT_MS is how often an idle event stream gets a comment line, so proxies keep it open. */
export const SSE_HEARTBEAT_MS = 15_000;

/** SseHub serves the Server-Sent Events stream of rollup flushes and ends every stream on close. */
export class SseHub {
  private readonly streams = new Set<Response>();

  constructor(
    private readonly events: RollupEvents,
    private readonly heartbeatMs = SSE_HEARTBEAT_MS,
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
    const unsubscribe = this.events.subscribe((event) => {
      res.write(`event: rollups\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs);
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
