import { SseOverflowError, SseParser } from '../src/realtime/SseParser';

describe('SseParser', () => {
  it('dispatches an event only when its blank line arrives, however the stream is chunked', () => {
    const parser = new SseParser();
    const text = 'event: rollups\ndata: {"tenants":["acme"],"at":"x"}\n\n';
    const seen = [];
    for (const ch of text) seen.push(...parser.push(ch));
    expect(seen).toEqual([{ event: 'rollups', data: '{"tenants":["acme"],"at":"x"}' }]);
  });

  it('accepts CRLF and CR line endings, even when CRLF is split across chunks', () => {
    const parser = new SseParser();
    expect(parser.push('event: a\r')).toEqual([]);
    expect(parser.push('\ndata: 1\r\n\r')).toEqual([]);
    expect(parser.push('\nevent: b\rdata: 2\r\r')).toEqual([{ event: 'a', data: '1' }]);
    expect(parser.push('\n')).toEqual([{ event: 'b', data: '2' }]);
  });

  it('ignores comments, joins multi-line data with newlines and names a nameless event "message"', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\n\ndata: one\ndata:two\nid: 7\n\n')).toEqual([
      { event: 'message', data: 'one\ntwo', id: '7' },
    ]);
  });

  it('drops an event with no data and does not carry its name into the next event', () => {
    const parser = new SseParser();
    expect(parser.push('event: rollups\n\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });

  it('refuses a stream that never ends an event instead of buffering without limit', () => {
    const parser = new SseParser(1000);
    expect(() => parser.push(`data: ${'x'.repeat(2000)}`)).toThrow(SseOverflowError);
  });
});
