import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { closeServer, listen } from '@sightline/http';
import { InMemoryRollupSource } from '../../src/slo/rollups/InMemoryRollupSource';

/** ACCEPTED_WINDOWS are the windows the proposed collector endpoint accepts (ADR 0008). */
export const ACCEPTED_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '7d', '28d', '30d'];

/** FakeCollector serves the proposed `GET /internal/v1/rollups/:tenant/windows?windows=` from in-memory buckets. */
export interface FakeCollector {
  url: string;
  rollups: InMemoryRollupSource;
  requests: string[];
  /** down makes every request answer 503. */
  down: boolean;
  close(): Promise<void>;
}

/** startFakeCollector starts the stub on a free loopback port; it checks the token and the window list like the contract says. */
export async function startFakeCollector(
  token: string,
  now: () => number = Date.now,
): Promise<FakeCollector> {
  const rollups = new InMemoryRollupSource(now);
  const state = { down: false, requests: [] as string[] };
  const server: Server = createServer((req, res) => {
    state.requests.push(req.url ?? '');
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (state.down) return send(503, { title: 'Service Unavailable' });
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { title: 'Unauthorized' });
    const u = new URL(req.url ?? '/', 'http://x');
    const m = /^\/internal\/v1\/rollups\/([a-z0-9_][a-z0-9_-]{0,62})\/windows$/.exec(u.pathname);
    if (req.method !== 'GET' || !m) return send(404, { title: 'Not Found' });
    const windows = (u.searchParams.get('windows') ?? '').split(',');
    if (windows.some((w) => !ACCEPTED_WINDOWS.includes(w))) return send(400, { title: 'Bad Request' });
    send(200, rollups.sums(m[1]!, windows));
  });
  const port = await listen(server, 0);
  return {
    url: `http://127.0.0.1:${port}`,
    rollups,
    get requests() {
      return state.requests;
    },
    get down() {
      return state.down;
    },
    set down(v: boolean) {
      state.down = v;
    },
    close: () => closeServer(server),
  };
}
