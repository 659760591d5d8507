/** SseMessage is one dispatched Server-Sent Event. */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** SseParser turns a text/event-stream, fed in arbitrary chunks, into messages (WHATWG event-stream rules). */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  constructor(private readonly maxBufferedChars = 1_000_000) {}

  /** push feeds decoded text and returns the messages completed by it. */
  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    if (this.buffer.length > this.maxBufferedChars)
      throw new SseOverflowError(`an event exceeded ${this.maxBufferedChars} characters`);
    const out: SseMessage[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      // A lone trailing \r may be the first half of \r\n, so wait for the next chunk.
      if (!match || (match[0] === '\r' && match.index === this.buffer.length - 1)) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const message = this.line(line);
      if (message) out.push(message);
    }
    return out;
  }

  private line(line: string): SseMessage | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return undefined;
  }

  private dispatch(): SseMessage | undefined {
    const message = this.data.length
      ? {
          event: this.event || 'message',
          data: this.data.join('\n'),
          ...(this.id === undefined ? {} : { id: this.id }),
        }
      : undefined;
    this.event = '';
    this.data = [];
    return message;
  }
}

/** SseOverflowError is raised when a stream sends an event larger than the parser accepts. */
export class SseOverflowError extends Error {
  override readonly name = 'SseOverflowError';
}
