import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:http';
import { DEMO_TENANTS } from '@sightline/contracts';
import { closeServer, listen } from '@sightline/http';
import { formatSummary, runTraffic } from '../src/traffic/runTraffic';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

async function fakeGateway(answer: (seen: Seen) => number | 'hang') {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(s);
      const status = answer(s);
      if (status === 'hang') return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  const port = await listen(server, 0);
  return { seen, url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

describe('the traffic generator', () => {
  it('sends every demo tenant’s requests with its own key to the three routes and stops by itself after the duration', async () => {
    const gw = await fakeGateway((s) => (s.headers['x-api-key'] === DEMO_TENANTS[2]!.demoApiKey ? 429 : 200));
    const summaries: string[] = [];
    const started = Date.now();
    const totals = await runTraffic({
      gatewayUrl: gw.url,
      rps: 10,
      durationS: 1,
      summaryIntervalMs: 300,
      onSummary: (line) => summaries.push(line),
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    await gw.close();

    for (const tenant of DEMO_TENANTS) {
      const mine = gw.seen.filter((s) => s.headers['x-api-key'] === tenant.demoApiKey);
      expect(mine.length).toBeGreaterThanOrEqual(7);
      expect(mine.length).toBeLessThanOrEqual(11);
      expect(new Set(mine.map((s) => `${s.method} ${s.url}`))).toEqual(
        new Set(['GET /api/orders', 'GET /api/users/42', 'POST /api/search']),
      );
    }
    const search = gw.seen.find((s) => s.url === '/api/search')!;
    expect(search.headers['content-type']).toBe('application/json');
    expect(JSON.parse(search.body)).toMatchObject({ q: expect.any(String) });

    expect(totals.acme!['200']).toBe(
      gw.seen.filter((s) => s.headers['x-api-key'] === DEMO_TENANTS[0]!.demoApiKey).length,
    );
    expect(totals.initech!['429']).toBeGreaterThan(0);
    expect(summaries.length).toBeGreaterThanOrEqual(2);
    expect(summaries[0]).toMatch(/acme 200=\d+/);
  });

  it('stops promptly when its signal aborts, even when the duration is unlimited', async () => {
    const gw = await fakeGateway(() => 200);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    const started = Date.now();
    const totals = await runTraffic({ gatewayUrl: gw.url, rps: 20, durationS: 0, signal: stop.signal });
    expect(Date.now() - started).toBeLessThan(1_500);
    const sent = gw.seen.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(gw.seen.length).toBe(sent);
    expect(Object.keys(totals).sort()).toEqual(['acme', 'globex', 'initech']);
    await gw.close();
  });

  it('keeps at most the configured number of requests in flight per tenant when the gateway stops answering', async () => {
    const gw = await fakeGateway(() => 'hang');
    const totals = await runTraffic({
      gatewayUrl: gw.url,
      rps: 50,
      durationS: 0.5,
      maxInFlightPerTenant: 3,
      drainMs: 100,
    });
    expect(gw.seen.length).toBeLessThanOrEqual(9);
    expect(totals.acme!.skipped).toBeGreaterThan(10);
    expect(totals.acme!.error).toBe(3);
    await gw.close();
  });

  it('formats counts as one line per run', () => {
    expect(formatSummary({ acme: { '429': 2, '200': 48 }, globex: { '200': 50 } })).toBe(
      'acme 200=48 429=2 | globex 200=50',
    );
    expect(formatSummary({})).toBe('no requests');
  });
});
