import type { ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OtlpLogShipper } from '../src/OtlpLogShipper';

/** A collector stand-in for /v1/logs that can hold its answers; it counts requests and log records. */
async function startCollector() {
  const held: ServerResponse[] = [];
  const state = { hold: false, requests: 0, records: 0, inFlight: 0, mostInFlight: 0 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { resourceLogs: { scopeLogs: { logRecords: unknown[] }[] }[] };
      state.requests++;
      state.records += parsed.resourceLogs[0]!.scopeLogs[0]!.logRecords.length;
      state.inFlight++;
      state.mostInFlight = Math.max(state.mostInFlight, state.inFlight);
      res.on('close', () => state.inFlight--);
      if (state.hold) held.push(res);
      else res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    release() {
      state.hold = false;
      for (const res of held.splice(0)) res.end('{}');
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

const line = (i: number) => JSON.stringify({ level: 'info', time: Date.now(), msg: `line ${i}` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('OtlpLogShipper', () => {
  it('keeps one batch in flight while the collector is slow, and bounds what waits behind it', async () => {
    const c = await startCollector();
    const shipper = new OtlpLogShipper({
      service: 't',
      endpoint: c.url,
      flushIntervalMs: 20,
      maxBuffered: 10,
    });
    try {
      c.state.hold = true;
      for (let i = 0; i < 5; i++) shipper.write(line(i));
      while (c.state.requests < 1) await sleep(10);
      // Many intervals pass with the first batch unanswered: no second request, and the buffer stays at 10 lines.
      for (let i = 5; i < 35; i++) shipper.write(line(i));
      await sleep(200);
      expect(c.state.requests).toBe(1);
      expect(shipper.droppedCount()).toBe(20);
      c.release();
      await shipper.flush();
      expect(c.state.records).toBe(15);
      expect(c.state.mostInFlight).toBe(1);
    } finally {
      c.release();
      await shipper.close();
      await c.close();
    }
  });

  it('gives up on a batch the collector never answers after sendTimeoutMs, counts it, and goes on', async () => {
    const c = await startCollector();
    const shipper = new OtlpLogShipper({
      service: 't',
      endpoint: c.url,
      flushIntervalMs: 20,
      sendTimeoutMs: 200,
    });
    try {
      c.state.hold = true;
      for (let i = 0; i < 3; i++) shipper.write(line(i));
      while (c.state.requests < 1) await sleep(10);
      c.state.hold = false;
      shipper.write(line(3));
      await shipper.flush();
      expect(shipper.droppedCount()).toBe(3);
      expect(c.state.requests).toBe(2);
    } finally {
      c.release();
      await shipper.close();
      await c.close();
    }
  });

  it('sends what is left when closed', async () => {
    const c = await startCollector();
    const shipper = new OtlpLogShipper({ service: 't', endpoint: c.url, flushIntervalMs: 60_000 });
    shipper.write(line(1));
    shipper.write(line(2));
    await shipper.close();
    expect(c.state.records).toBe(2);
    await c.close();
  });
});
