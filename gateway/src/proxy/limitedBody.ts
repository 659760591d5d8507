import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError } from './BodyTooLargeError';

/**
 * limitedBody streams a body of unknown length (chunked) and throws BodyTooLargeError once more than maxBytes
 * have passed, which aborts the upstream request; bodies with a Content-Length are checked before forwarding.
 */
export async function* limitedBody(req: IncomingMessage, maxBytes: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > maxBytes) throw new BodyTooLargeError(`request body exceeds ${maxBytes} bytes`);
    yield chunk;
  }
}
