import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LATENCY_BUCKETS_MS, SLI_METRIC } from '@sightline/contracts';
import { waitFor } from '@sightline/testing';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import { send } from './support/send';
import { freshWindow } from './support/freshWindow';

/** A collector stand-in for /v1/metrics: it checks each body against the OTLP/JSON histogram contract. */
interface Point {
  tenant: string;
  status: number;
  count: number;
  start: number;
  time: number;
  bucketCounts: number[];
}
const received: Point[] = [];
const contractErrors: string[] = [];
const answers: number[] = [];
let collector: Server;
let h: Harness;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => resolve(body));
  });
}

function check(body: unknown): Point[] {
  const out: Point[] = [];
  const rm = (body as { resourceMetrics?: unknown[] }).resourceMetrics;
  if (!Array.isArray(rm) || rm.length !== 1) throw new Error('one resourceMetrics expected');
  const r = rm[0] as {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeMetrics: unknown[];
  };
  const attrs = Object.fromEntries(r.resource.attributes.map((a) => [a.key, a.value.stringValue]));
  if (attrs['service.name'] !== 'gateway') throw new Error('service.name must be gateway');
  if (attrs['sightline.sli.source'] !== 'metrics')
    throw new Error('resource must say sightline.sli.source=metrics');
  if (!attrs['service.instance.id']) throw new Error('service.instance.id missing');
  for (const sm of r.scopeMetrics as {
    metrics: {
      name: string;
      unit: string;
      histogram: { aggregationTemporality: number; dataPoints: Record<string, unknown>[] };
    }[];
  }[])
    for (const m of sm.metrics) {
      if (m.name !== SLI_METRIC || m.unit !== 's') throw new Error(`unexpected metric ${m.name} (${m.unit})`);
      if (m.histogram.aggregationTemporality !== 1) throw new Error('delta temporality expected');
      for (const p of m.histogram.dataPoints) {
        const bucketCounts = (p.bucketCounts as string[]).map(Number);
        const bounds = p.explicitBounds as number[];
        if (bucketCounts.length !== bounds.length + 1)
          throw new Error('bucketCounts must be bounds + 1 long');
        if (bounds.join() !== LATENCY_BUCKETS_MS.map((b) => b / 1000).join())
          throw new Error('bounds differ');
        const count = Number(p.count);
        if (bucketCounts.reduce((a, b) => a + b, 0) !== count)
          throw new Error('bucket counts must sum to count');
        const start = Number(BigInt(p.startTimeUnixNano as string) / 1_000_000n);
        const time = Number(BigInt(p.timeUnixNano as string) / 1_000_000n);
        if (!(time > start)) throw new Error('timeUnixNano must follow startTimeUnixNano');
        const a = Object.fromEntries(
          (p.attributes as { key: string; value: { stringValue?: string; intValue?: string } }[]).map((x) => [
            x.key,
            x.value,
          ]),
        );
        out.push({
          tenant: a['tenant.id']!.stringValue!,
          status: Number(a['http.response.status_code']!.intValue),
          count,
          start,
          time,
          bucketCounts,
        });
      }
    }
  return out;
}

beforeAll(async () => {
  collector = createServer((req, res) => {
    void readBody(req).then((text) => {
      const status = answers.shift() ?? 200;
      if (status === 200) {
        try {
          if (req.url !== '/v1/metrics' || req.headers['content-type'] !== 'application/json')
            throw new Error(`unexpected ${req.method} ${req.url}`);
          received.push(...check(JSON.parse(text)));
        } catch (err) {
          contractErrors.push((err as Error).message);
        }
      }
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(status === 200 ? '{}' : '{"error":"no"}');
    });
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
  const port = (collector.address() as AddressInfo).port;
  h = await startHarness({
    redis: true,
    tinyRps: 4,
    env: { OTLP_ENDPOINT: `http://127.0.0.1:${port}`, SLI_EXPORT_MS: '50' },
  });
});

afterAll(async () => {
  await h.close();
  await new Promise((r) => collector.close(r));
});

const total = (tenant: string, status: number) =>
  received.filter((p) => p.tenant === tenant && p.status === status).reduce((n, p) => n + p.count, 0);

describe('SLI metrics to the collector (ADR 0009)', () => {
  it('counts every answered request of a tenant by status, whatever the trace sampling, in 10 s buckets', async () => {
    await freshWindow();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++)
      statuses.push(
        (await send(h.gateway.proxyPort, { headers: { 'x-api-key': 'sl_test_tiny_key' } })).status,
      );
    const ok = statuses.filter((s) => s === 200).length;
    const limited = statuses.filter((s) => s === 429).length;
    expect(ok + limited).toBe(20);
    expect(limited).toBeGreaterThan(0);
    await waitFor(() => total('tiny', 200) + total('tiny', 429) === 20, 5_000);
    expect(total('tiny', 200)).toBe(ok);
    expect(total('tiny', 429)).toBe(limited);
    expect(contractErrors).toEqual([]);
    // A point never spans two rollup buckets, so the collector can add it to the one its start falls in.
    for (const p of received) expect(Math.floor(p.start / 10_000)).toBe(Math.floor((p.time - 1) / 10_000));
  });

  it('keeps the counts the collector could not take (503) and sends them with the next batch', async () => {
    const before = total('tiny', 200) + total('tiny', 429);
    answers.push(503, 503);
    for (let i = 0; i < 5; i++)
      await send(h.gateway.proxyPort, { headers: { 'x-api-key': 'sl_test_tiny_key' } });
    await waitFor(() => total('tiny', 200) + total('tiny', 429) === before + 5, 5_000);
    expect(answers).toEqual([]);
    const metrics = (await send(h.gateway.adminPort, { path: '/metrics' })).body;
    expect(metrics).toMatch(/gateway_sli_export_failures_total\{service="gateway"\} [2-9]/);
    expect(metrics).toMatch(/gateway_sli_requests_dropped_total\{service="gateway"\} 0/);
  });

  it('drops and counts what the collector refuses for its content (400), and goes on sending', async () => {
    const before = total('tiny', 200) + total('tiny', 429);
    answers.push(400);
    await send(h.gateway.proxyPort, { headers: { 'x-api-key': 'sl_test_tiny_key' } });
    await waitFor(() => answers.length === 0, 5_000);
    await send(h.gateway.proxyPort, { headers: { 'x-api-key': 'sl_test_tiny_key' } });
    await waitFor(() => total('tiny', 200) + total('tiny', 429) === before + 1, 5_000);
    const metrics = (await send(h.gateway.adminPort, { path: '/metrics' })).body;
    expect(metrics).toMatch(/gateway_sli_requests_dropped_total\{service="gateway"\} 1/);
  });

  it('does not count requests without a tenant (the platform’s own routes)', async () => {
    await send(h.gateway.proxyPort, { path: '/auth/v1/auth/login', method: 'POST', body: '{}' });
    await new Promise((r) => setTimeout(r, 200));
    expect(received.some((p) => p.tenant === '_platform')).toBe(false);
  });
});
