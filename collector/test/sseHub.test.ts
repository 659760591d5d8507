import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import express from 'express';
import { SseHub } from '../src/internal/SseHub';
import { RollupEvents } from '../src/processors/rollups/RollupEvents';

const MAX_UNSENT = 256 * 1024;
// One event of about 16 KiB: a flush that touched 250 tenants with long ids.
const TENANTS = Array.from(
  { length: 250 },
  (_, i) => `tenant-${String(i).padStart(4, '0')}-${'x'.repeat(50)}`,
);
// Far more than the kernel buffers of a loopback connection (a few MiB) and the bound together.
const EVENTS = 1500;

let server: Server;
let events: RollupEvents;
let port: number;

beforeEach(async () => {
  events = new RollupEvents();
  const hub = new SseHub(events, 60_000, MAX_UNSENT);
  const app = express();
  app.get('/events', hub.handle);
  server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** openStream sends the request by hand, so the test decides when (and whether) the client reads. */
async function openStream(): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  // HTTP/1.0: the body comes unchunked, so events can be counted in the raw bytes.
  socket.write(`GET /events HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`);
  return socket;
}

function connections(): Promise<number> {
  return new Promise((resolve, reject) =>
    server.getConnections((err, n) => (err ? reject(err) : resolve(n))),
  );
}

describe('the rollup event stream', () => {
  it('cuts off a client that stopped reading instead of buffering for it, and keeps serving the others', async () => {
    const reader = await openStream();
    let readerEvents = 0;
    let partial = '';
    reader.setEncoding('utf8');
    reader.on('data', (text: string) => {
      const parts = (partial + text).split('\n\n');
      partial = parts.pop()!;
      readerEvents += parts.filter((p) => p.startsWith('event: rollups')).length;
    });
    const stalled = await openStream();
    stalled.pause();
    await new Promise((r) => setTimeout(r, 100));
    expect(await connections()).toBe(2);

    let publishedBytes = 0;
    for (let i = 0; i < EVENTS; i++) {
      const event = { tenants: TENANTS, at: new Date().toISOString() };
      publishedBytes += JSON.stringify(event).length;
      events.publish(event);
      // Let the sockets drain what they can, as between two flushes.
      await new Promise((r) => setImmediate(r));
    }
    expect(publishedBytes).toBeGreaterThan(20 * 1024 * 1024);

    // The stalled stream was dropped; the reading one is still open and got every event.
    await waitUntil(async () => (await connections()) === 1);
    await waitUntil(() => Promise.resolve(readerEvents === EVENTS));
    expect(reader.destroyed).toBe(false);

    // What the stalled client can still read is what the kernel held, then the stream ends.
    let stalledBytes = 0;
    stalled.on('data', (chunk: Buffer) => (stalledBytes += chunk.length));
    const ended = new Promise((r) => stalled.once('close', r));
    stalled.resume();
    await ended;
    expect(stalledBytes).toBeGreaterThan(0);
    expect(stalledBytes).toBeLessThan(publishedBytes / 2);
    reader.destroy();
  }, 30_000);
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}
