import type { AddressInfo, Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';
import { DEMO_TENANTS } from '@sightline/contracts';
import type { GatewayHandle } from '../src/startGateway';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';

const KEY = DEMO_TENANTS.find((t) => t.id === 'acme')!.demoApiKey;

/** A request exactly as it arrived on the upstream's socket, framed by a deliberately literal reader. */
interface RawRequest {
  head: string;
  body: string;
}

/**
 * RawUpstream records the bytes the gateway sends, not what a lenient or strict parser makes of them: each
 * connection is read as one request (Content-Length or chunked), answered with `Connection: close`, and any
 * byte after that request is kept as `extra`; a smuggled request would show up there or as a second request.
 */
interface RawUpstream {
  url: string;
  requests: RawRequest[];
  extra: string[];
  close(): Promise<void>;
}

async function startRawUpstream(): Promise<RawUpstream> {
  const requests: RawRequest[] = [];
  const extra: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buf = Buffer.alloc(0);
    let done = false;
    socket.on('data', (chunk: Buffer) => {
      if (done) {
        extra.push(chunk.toString('latin1'));
        return;
      }
      buf = Buffer.concat([buf, chunk]);
      const framed = frame(buf.toString('latin1'));
      if (!framed) return;
      done = true;
      requests.push(framed.request);
      if (framed.rest !== '') extra.push(framed.rest);
      socket.end(
        'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok',
      );
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    extra,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function frame(text: string): { request: RawRequest; rest: string } | undefined {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd === -1) return undefined;
  const head = text.slice(0, headEnd);
  let at = headEnd + 4;
  if (/^transfer-encoding:\s*chunked\s*$/im.test(head)) {
    let body = '';
    for (;;) {
      const line = text.indexOf('\r\n', at);
      if (line === -1) return undefined;
      const size = parseInt(text.slice(at, line), 16);
      if (size === 0) {
        const end = text.indexOf('\r\n', line + 2);
        if (end === -1) return undefined;
        return { request: { head, body }, rest: text.slice(end + 2) };
      }
      if (text.length < line + 2 + size + 2) return undefined;
      body += text.slice(line + 2, line + 2 + size);
      at = line + 2 + size + 2;
    }
  }
  const length = /^content-length:\s*(\d+)\s*$/im.exec(head);
  const n = length ? Number(length[1]) : 0;
  if (text.length < at + n) return undefined;
  return { request: { head, body: text.slice(at, at + n) }, rest: text.slice(at + n) };
}

/**
 * exchange writes raw bytes to the gateway (a `later` part 100 ms after the first) and collects everything it
 * answers until it closes (or 1.5 s).
 */
function exchange(port: number, raw: string, later?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), 1_500);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.write(Buffer.from(raw, 'latin1'));
    if (later !== undefined) setTimeout(() => socket.write(Buffer.from(later, 'latin1')), 100);
  });
}

const statusLines = (answer: string) => answer.match(/HTTP\/1\.1 \d{3}/g) ?? [];

const SMUGGLED = `GET /smuggled HTTP/1.1\r\nHost: gw\r\nx-api-key: ${KEY}\r\n\r\n`;
const hex = (s: string) => Buffer.byteLength(s, 'latin1').toString(16);
const head = (lines: string[]) =>
  `POST /api/orders HTTP/1.1\r\nHost: gw\r\nx-api-key: ${KEY}\r\n${lines.join('')}\r\n`;
const clteBody = `0\r\n\r\n${SMUGGLED}`;
const teclBody = `${hex(SMUGGLED)}\r\n${SMUGGLED}\r\n0\r\n\r\n`;

let h: Harness;
let raw: RawUpstream;
let gw: GatewayHandle;

beforeAll(async () => {
  h = await startHarness();
  raw = await startRawUpstream();
  gw = await h.startReplica({
    ROUTES_JSON: JSON.stringify([
      { prefix: '/', upstream: raw.url, credentials: true, endpointClass: 'data' },
    ]),
  });
});

afterAll(async () => {
  await h.close();
  await raw.close();
});

describe('request smuggling through the gateway', () => {
  it.each([
    [
      'CL.TE: Content-Length and chunked Transfer-Encoding together',
      head([`Content-Length: ${clteBody.length}\r\n`, 'Transfer-Encoding: chunked\r\n']) + clteBody,
    ],
    [
      'TE.CL: chunked Transfer-Encoding before a short Content-Length',
      head(['Transfer-Encoding: chunked\r\n', 'Content-Length: 4\r\n']) + teclBody,
    ],
    [
      'a second, unknown Transfer-Encoding header after chunked',
      head(['Transfer-Encoding: chunked\r\n', 'Transfer-Encoding: x\r\n']) + teclBody,
    ],
    [
      'a second Transfer-Encoding header with a Content-Length',
      head(['Content-Length: 4\r\n', 'Transfer-Encoding: chunked\r\n', 'Transfer-Encoding: x\r\n']) +
        teclBody,
    ],
    [
      'a space between Transfer-Encoding and its colon',
      head(['Transfer-Encoding : chunked\r\n', 'Content-Length: 4\r\n']) + teclBody,
    ],
    ['a space before the colon and no Content-Length', head(['Transfer-Encoding : chunked\r\n']) + teclBody],
    ['Transfer-Encoding: xchunked', head(['Transfer-Encoding: xchunked\r\n']) + teclBody],
    ['chunked not the final transfer coding', head(['Transfer-Encoding: chunked, identity\r\n']) + teclBody],
    [
      'a vertical tab before chunked',
      head(['Transfer-Encoding:\x0bchunked\r\n', 'Content-Length: 4\r\n']) + teclBody,
    ],
    [
      'Transfer-Encoding folded onto an obsolete continuation line',
      head(['X-Pad: a\r\n', ' Transfer-Encoding: chunked\r\n', 'Content-Length: 4\r\n']) + teclBody,
    ],
    [
      'a tab-separated chunked coding with a Content-Length',
      head(['Transfer-Encoding:\tchunked\r\n', 'Content-Length: 4\r\n']) + teclBody,
    ],
    [
      'two Content-Length headers with different values',
      head([`Content-Length: ${clteBody.length}\r\n`, 'Content-Length: 5\r\n']) + clteBody,
    ],
    [
      'two Content-Length headers with the same value',
      head([`Content-Length: ${clteBody.length}\r\n`, `Content-Length: ${clteBody.length}\r\n`]) + clteBody,
    ],
    ['a Content-Length list', head([`Content-Length: 5, ${clteBody.length}\r\n`]) + clteBody],
    ['a signed Content-Length', head([`Content-Length: +${clteBody.length}\r\n`]) + clteBody],
    ['chunk lines ended by a bare LF', head(['Transfer-Encoding: chunked\r\n']) + `0\n\n${SMUGGLED}`],
    [
      'a chunk size that overflows 64 bits',
      head(['Transfer-Encoding: chunked\r\n']) + `1000000000000000a\r\n${SMUGGLED}\r\n0\r\n\r\n`,
    ],
  ])('answers 400 to %s, and the upstream sees no request at all', async (_name, payload) => {
    const before = raw.requests.length;
    const answer = await exchange(gw.proxyPort, payload);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(statusLines(answer)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(raw.requests.length).toBe(before);
    expect(raw.extra).toEqual([]);
  });

  it('forwards a well-formed chunked body as one request with a single framing header', async () => {
    const before = raw.requests.length;
    const answer = await exchange(
      gw.proxyPort,
      `${head(['Transfer-Encoding: chunked\r\n', 'Connection: close\r\n'])}${teclBody}`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(raw.requests.slice(before)).toHaveLength(1);
    const seen = raw.requests[before]!;
    // The smuggling attempt's text is only ever the body, which is what its framing says it is.
    expect(seen.body).toBe(SMUGGLED);
    expect(seen.head.match(/^(content-length|transfer-encoding):/gim)).toHaveLength(1);
    expect(raw.extra).toEqual([]);
  });

  it('forwards a Content-Length body that contains a request as that body, never as a second request', async () => {
    const before = raw.requests.length;
    const answer = await exchange(
      gw.proxyPort,
      `${head([`Content-Length: ${SMUGGLED.length}\r\n`, 'Connection: close\r\n'])}${SMUGGLED}`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(raw.requests.slice(before)).toHaveLength(1);
    expect(raw.requests[before]!.body).toBe(SMUGGLED);
    expect(raw.requests[before]!.head).toMatch(/^POST \/api\/orders HTTP\/1\.1\r\n/);
    expect(raw.extra).toEqual([]);
  });

  it('treats pipelined requests on one connection as separate, separately authenticated requests', async () => {
    const before = raw.requests.length;
    const unauthenticated = 'GET /second HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n';
    const answer = await exchange(gw.proxyPort, `${head([`Content-Length: 2\r\n`])}hi${unauthenticated}`);
    expect(statusLines(answer)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 401']);
    const seen = raw.requests.slice(before);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toBe('hi');
    expect(raw.extra).toEqual([]);
  });

  it('keeps Content-Length the framing of a body even when the client names it in Connection', async () => {
    const before = raw.requests.length;
    // The body comes after the head, so the gateway starts forwarding before it knows the body's length itself.
    const answer = await exchange(
      gw.proxyPort,
      head(['Content-Length: 5\r\n', 'Connection: close, content-length\r\n']),
      'hello',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    const seen = raw.requests[before]!;
    expect(seen.body).toBe('hello');
    expect(seen.head).toMatch(/^content-length: 5$/im);
    expect(seen.head).not.toMatch(/^transfer-encoding:/im);
  });
});
