import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:http';
import { closeServer, listen } from '@sightline/http';

/** ReceivedRequest is what the fake upstream saw. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** FakeUpstream is a small product service: it echoes, sleeps on /slow, and records what it received. */
export interface FakeUpstream {
  url: string;
  port: number;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * startFakeUpstream serves: `/slow?ms=N` answers after N ms; `/reset` drops the connection; `/status/N` answers N;
 * `/hop` answers with hop-by-hop headers of its own; anything else echoes the request as JSON.
 */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const received: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(seen);
      const url = new URL(seen.url, 'http://upstream');
      if (url.pathname === '/slow') {
        const t = setTimeout(
          () => {
            timers.delete(t);
            if (!res.destroyed) res.end('late');
          },
          Number(url.searchParams.get('ms') ?? 1000),
        );
        timers.add(t);
        return;
      }
      if (url.pathname === '/reset') {
        req.socket.destroy();
        return;
      }
      const status = /^\/status\/(\d{3})$/.exec(url.pathname);
      if (status) {
        res.writeHead(Number(status[1]), { 'content-type': 'text/plain' });
        res.end(`status ${status[1]}`);
        return;
      }
      if (url.pathname === '/hop') {
        res.writeHead(200, {
          connection: 'x-upstream-private',
          'x-upstream-private': 'secret',
          'keep-alive': 'timeout=77',
          'proxy-authenticate': 'Basic',
          'x-upstream-public': 'visible',
          'content-type': 'text/plain',
        });
        res.end('hop');
        return;
      }
      const body = JSON.stringify(seen);
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
      res.end(body);
    });
  });
  const port = await listen(server, 0);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () => {
      for (const t of timers) clearTimeout(t);
      return closeServer(server);
    },
  };
}
